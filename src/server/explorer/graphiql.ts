import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type express from 'express';

/** Where the explorer lives: the page, and its files under it. */
export const GRAPHIQL_PATH = '/graphiql';

/** One preloaded tab. `"$newestArticleId"` in the variables is replaced by the newest article's id. */
export interface ExplorerExample {
  /** A file of schema/operations/. */
  operationFile: string;
  variables?: Record<string, unknown>;
}

/** The tabs GraphiQL opens with on a first visit (it remembers the user's own afterwards). */
export const EXPLORER_EXAMPLES: readonly ExplorerExample[] = [
  { operationFile: 'front-page.graphql', variables: { first: 5 } },
  { operationFile: 'rate-article.graphql', variables: { input: { articleId: '$newestArticleId', stars: 5 } } },
  { operationFile: 'rating-changed.graphql', variables: { articleId: '$newestArticleId' } },
];

interface Asset {
  file: string;
  contentType: string;
  /** Content hash, in the URL: the files are cached for good and a new version gets a new URL. */
  version: string;
  body?: Buffer;
  gzipped?: Promise<Buffer>;
}

const compress = promisify(gzip);

function packageFile(packageName: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file);
}

/** The folder holding package.json, from src/ under ts-jest and from dist/src/ when built. */
function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

function asset(file: string, contentType: string): Asset {
  const version = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  return { file, contentType, version };
}

function escapeJsonForScript(value: unknown): string {
  // Inside <script type="application/json">, "</script>" or "<!--" would end or confuse the block.
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * GraphiQL, served from npm packages (graphiql's and React's UMD builds, graphql-ws's browser
 * client): an explorer that works with no internet at all, unlike Apollo Sandbox, whose bundle
 * comes from Apollo's CDN. Only served where introspection is on, since GraphiQL needs it.
 */
export function serveGraphiQL(app: express.Express, endpoint: string): void {
  const scriptJs = 'text/javascript; charset=utf-8';
  const assets: Record<string, Asset> = {
    'react.js': asset(packageFile('react', 'umd/react.production.min.js'), scriptJs),
    'react-dom.js': asset(packageFile('react-dom', 'umd/react-dom.production.min.js'), scriptJs),
    'graphql-ws.js': asset(packageFile('graphql-ws', 'umd/graphql-ws.min.js'), scriptJs),
    'graphiql.js': asset(packageFile('graphiql', 'graphiql.min.js'), scriptJs),
    'graphiql.css': asset(packageFile('graphiql', 'graphiql.min.css'), 'text/css; charset=utf-8'),
    'start.js': asset(path.join(__dirname, 'graphiql-start.browser.js'), scriptJs),
  };
  const operations = path.join(projectRoot(), 'schema', 'operations');
  const examples = EXPLORER_EXAMPLES.map((example) => ({
    query: readFileSync(path.join(operations, example.operationFile), 'utf8'),
    variables: example.variables,
  }));
  const url = (name: string) => `${GRAPHIQL_PATH}/assets/${name}?v=${assets[name].version}`;
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>newsgate · GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${url('graphiql.css')}" />
    <style>
      body { margin: 0; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="application/json" id="newsgate-explorer">${escapeJsonForScript({ endpoint, examples })}</script>
    <script src="${url('react.js')}"></script>
    <script src="${url('react-dom.js')}"></script>
    <script src="${url('graphql-ws.js')}"></script>
    <script src="${url('graphiql.js')}"></script>
    <script src="${url('start.js')}"></script>
  </body>
</html>
`;
  // Scripts only from here (no inline script, no eval); GraphiQL and CodeMirror set inline styles.
  const policy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.get(GRAPHIQL_PATH, (_req, res) => {
    res.setHeader('content-security-policy', policy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(page);
  });
  app.get(`${GRAPHIQL_PATH}/assets/:name`, (req, res, next) => {
    const found = Object.hasOwn(assets, req.params.name) ? assets[req.params.name] : undefined;
    if (found === undefined) {
      next();
      return;
    }
    res.setHeader('content-type', found.contentType);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('vary', 'Accept-Encoding');
    res.setHeader('x-content-type-options', 'nosniff');
    // Read on first use and kept. GraphiQL is 3.5 MB of script, so it is also compressed once
    // (about 1 MB in all), off the event loop, for clients that take gzip.
    found.body ??= readFileSync(found.file);
    if (req.acceptsEncodings('gzip') === 'gzip') {
      found.gzipped ??= compress(found.body);
      found.gzipped.then((gzipped) => {
        res.setHeader('content-encoding', 'gzip');
        res.end(gzipped);
      }, next);
      return;
    }
    res.end(found.body);
  });
}
