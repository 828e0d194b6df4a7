// Dependency rules for src/ (`npm run deps:check`, run in CI): the folders form layers that only
// import downwards, and the domain modules import each other only along MODULE_DEPENDENCIES.
//
//   config.ts, shared/          the bottom: import nothing above them
//   db/                         data layer: config, shared
//   modules/<domain>/           db, shared, config, and the modules listed below
//   modules/entities.ts         every module's entities, for the composition layer
//   schema/                     the GraphQL schema from the modules' resolvers
//   server/                     HTTP server, per-request context, composition of services and loaders
//   index.ts, cli/              entry points
//
// Type-only imports count (tsPreCompilationDeps), and so do cycles of any length. Specs beside
// the code (*.spec.ts) are outside the layers but may not close a cycle.

/** Which domain modules each module may import (besides itself). Everything else is forbidden. */
const MODULE_DEPENDENCIES = {
  article: [],
  person: [],
  mention: ['article', 'person'],
  quote: ['article', 'person', 'mention'],
  rating: ['article'],
  search: ['article', 'person', 'quote'],
  import: ['article', 'person', 'mention', 'quote'],
  node: ['article', 'person', 'quote'],
};

const ABOVE_MODULES = '^src/(schema|server|cli)/|^src/index\\.ts$';
const SPEC = '\\.spec\\.ts$';
const KNOWN_MODULES = Object.keys(MODULE_DEPENDENCIES).join('|');

/** @type {import('dependency-cruiser').IConfiguration['forbidden']} */
const moduleRules = Object.entries(MODULE_DEPENDENCIES).map(([module, allowed]) => ({
  name: `module-${module}`,
  comment: allowed.length
    ? `modules/${module} may import only these modules: ${allowed.join(', ')} (see MODULE_DEPENDENCIES).`
    : `modules/${module} is at the bottom of the modules: it imports no other module (see MODULE_DEPENDENCIES).`,
  severity: 'error',
  from: { path: `^src/modules/${module}/`, pathNot: SPEC },
  to: { path: '^src/modules/[^/]+/', pathNot: `^src/modules/(${[module, ...allowed].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included: every folder and file imports only downwards.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'config-is-the-bottom',
      comment: 'src/config.ts reads the environment; it imports nothing else from src/.',
      severity: 'error',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: '^src/config\\.ts$' },
    },
    {
      name: 'shared-is-the-bottom',
      comment: 'src/shared/ holds what every layer uses; it imports only itself and config.',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: SPEC },
      to: { path: '^src/', pathNot: '^src/(shared/|config\\.ts$)' },
    },
    {
      name: 'db-below-modules',
      comment: 'src/db/ is the data layer: it imports shared and config, never the modules, schema or server (entities are passed in).',
      severity: 'error',
      from: { path: '^src/db/', pathNot: SPEC },
      to: { path: '^src/', pathNot: '^src/(db/|shared/|config\\.ts$)' },
    },
    {
      name: 'modules-below-schema-and-server',
      comment: 'Modules declare the context slice they need (<module>.context.ts); src/server/ composes them, never the reverse.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: SPEC },
      to: { path: ABOVE_MODULES },
    },
    {
      name: 'modules-do-not-import-the-entity-list',
      comment: 'src/modules/entities.ts gathers every module; only the composition layer imports it.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/', pathNot: SPEC },
      to: { path: '^src/modules/[^/]+\\.ts$' },
    },
    {
      name: 'known-modules-only',
      comment: `Every folder in src/modules/ is listed in MODULE_DEPENDENCIES (${KNOWN_MODULES}).`,
      severity: 'error',
      from: { path: `^src/modules/(?!(${KNOWN_MODULES})/)[^/]+/` },
      to: {},
    },
    ...moduleRules,
    {
      name: 'schema-below-server',
      comment: 'src/schema/ builds the schema from the modules; the server serves it.',
      severity: 'error',
      from: { path: '^src/schema/', pathNot: SPEC },
      to: { path: '^src/(server|cli)/|^src/index\\.ts$' },
    },
    {
      name: 'server-below-entry-points',
      comment: 'Nothing imports an entry point (src/index.ts, src/cli/).',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/cli/|${SPEC}` },
      to: { path: '^src/cli/|^src/index\\.ts$' },
    },
    {
      name: 'loaders-through-the-factory',
      comment:
        'DataLoaders are made only by BatchLoaderFactory (src/shared/batch-loader.ts), which runs the deadline check before every batch; elsewhere dataloader is imported for its types only.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/shared/batch-loader\\.ts$|${SPEC}` },
      to: { path: '^node_modules/dataloader/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
