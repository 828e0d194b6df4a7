import path from 'node:path';
import { checkSchemaChanges, readSchemaHistory, releasedVersions, unreleasedBreaking } from '../support/schema-changes';

const RELEASED = `
type Query { articles(first: Int = 20): [Article!]! }
type Article { id: ID! headline: String! rating: Float }
enum Section { NEWS SPORT }
`;
const changelog = (breaking: string) => `# Changelog

## [Unreleased]

### Added

- Something \`Article.rating\` mentioned outside Breaking does not count.
${breaking}
## [0.1.0] - 2026-11-24

### Breaking

- \`Article.body\` was removed long ago (an old release's section does not count either).
`;

describe('schema change check', () => {
  it('refuses a breaking change the Unreleased Breaking section does not name', async () => {
    const current =
      'type Query { articles(first: Int = 20): [Article!]! } type Article { id: ID! headline: String! } enum Section { NEWS SPORT }';
    const check = await checkSchemaChanges(current, { '0.1.0': RELEASED }, changelog(''));
    expect(check.release).toBe('0.1.0');
    expect(check.unrecorded.map((change) => change.path)).toEqual(['Article.rating']);
  });

  it('lets it through once recorded, by its coordinate in backticks', async () => {
    const current =
      'type Query { articles(first: Int = 20): [Article!]! } type Article { id: ID! headline: String! } enum Section { NEWS SPORT }';
    const check = await checkSchemaChanges(
      current,
      { '0.1.0': RELEASED },
      changelog('\n### Breaking\n\n- `Article.rating` removed: select `rating` through `Rating`.\n'),
    );
    expect(check.unrecorded).toEqual([]);
    expect(check.recorded.map((change) => change.path)).toEqual(['Article.rating']);
  });

  it('passes additions, and reports dangerous changes without refusing them', async () => {
    const current = `type Query { articles(first: Int = 10): [Article!]! people: [String!]! }
      type Article { id: ID! headline: String! rating: Float standfirst: String } enum Section { NEWS SPORT OPINION }`;
    const check = await checkSchemaChanges(current, { '0.1.0': RELEASED }, changelog(''));
    expect(check.unrecorded).toEqual([]);
    expect(check.dangerous.map((change) => change.path).sort()).toEqual(['Query.articles.first', 'Section.OPINION']);
  });

  it('compares with the newest release kept, by version order', async () => {
    const older = RELEASED.replace('headline: String!', 'headline: String! body: String');
    const check = await checkSchemaChanges(RELEASED, { '0.9.0': older, '0.10.0': RELEASED }, changelog(''));
    expect(check.release).toBe('0.10.0');
    expect(check.unrecorded).toEqual([]);
  });

  it('names a release the CHANGELOG lists without a schema kept for it', async () => {
    const check = await checkSchemaChanges(RELEASED, { '0.1.0': RELEASED }, `## [0.2.0] - 2026-12-01\n\n${changelog('')}`);
    expect(check.missingSnapshots).toEqual(['0.2.0']);
  });

  it('reads the CHANGELOG sections', () => {
    expect(releasedVersions(changelog(''))).toEqual(['0.1.0']);
    expect(unreleasedBreaking(changelog('\n### Breaking\n\n- `X.y` gone\n'))).toContain('`X.y`');
    expect(unreleasedBreaking(changelog(''))).toBe('');
  });

  // The gate itself (also `npm run schema:check`): this repository's schema against its last release.
  it('finds every breaking change since the last release recorded in CHANGELOG.md, and every release kept', async () => {
    const { current, releases, changelog: text } = readSchemaHistory(path.join(__dirname, '..', '..'));
    const check = await checkSchemaChanges(current, releases, text);
    const explain = check.unrecorded.map((change) => `${change.path}: ${change.message}`);
    // A failure here: name each coordinate in backticks under "## [Unreleased]" / "### Breaking",
    // with what clients should do; or undo the change.
    expect(explain).toEqual([]);
    expect(check.missingSnapshots).toEqual([]);
  });
});
