import fs from 'node:fs';
import path from 'node:path';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** Where each release's schema is kept: `schema/releases/v<version>.graphql`, copied at release time. */
export const RELEASES_DIR = path.join('schema', 'releases');

export interface SchemaCheck {
  /** The release compared against, e.g. "0.1.0". */
  release: string;
  /** Changes that can break a client and the CHANGELOG's Unreleased "Breaking" section does not name. */
  unrecorded: Change[];
  /** Breaking changes it does name. */
  recorded: Change[];
  /** Changes that may break some clients (a new enum value, a changed default): reported, not refused. */
  dangerous: Change[];
  /** Releases the CHANGELOG lists with no schema kept for them (the release step was skipped). */
  missingSnapshots: string[];
}

/** Versions in "## [x.y.z]" headings, newest first as the CHANGELOG lists them. */
export function releasedVersions(changelog: string): string[] {
  return [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map((match) => match[1]);
}

/** The text of the Unreleased section's "### Breaking" subsection ('' when there is none). */
export function unreleasedBreaking(changelog: string): string {
  const unreleased = /^## \[Unreleased\]\s*$([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  return /^### Breaking\s*$([\s\S]*?)(?=^### |(?![\s\S]))/m.exec(unreleased)?.[1] ?? '';
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let index = 0; index < 3; index += 1) if (x[index] !== y[index]) return x[index] - y[index];
  return 0;
}

/**
 * Compares the schema with the last release's (graphql-inspector's diff). A breaking change is
 * recorded when the Unreleased "### Breaking" section names its schema coordinate in backticks
 * (`Article.rating`, `Query.articles.first`), which is where a client developer looks for it.
 */
export async function checkSchemaChanges(current: string, releases: Record<string, string>, changelog: string): Promise<SchemaCheck> {
  const versions = Object.keys(releases).sort(compareVersions);
  const release = versions.at(-1);
  if (release === undefined) throw new Error(`no released schema in ${RELEASES_DIR}`);
  const changes = await diff(buildSchema(releases[release]), buildSchema(current));
  const breakingText = unreleasedBreaking(changelog);
  const named = (change: Change) => change.path !== undefined && breakingText.includes(`\`${change.path}\``);
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  return {
    release,
    unrecorded: breaking.filter((change) => !named(change)),
    recorded: breaking.filter(named),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
    missingSnapshots: releasedVersions(changelog).filter((version) => !(version in releases)),
  };
}

/** Reads the repository's schema, kept releases and CHANGELOG from `root`. */
export function readSchemaHistory(root: string): { current: string; releases: Record<string, string>; changelog: string } {
  const dir = path.join(root, RELEASES_DIR);
  const releases: Record<string, string> = {};
  for (const file of fs.readdirSync(dir)) {
    const version = /^v(\d+\.\d+\.\d+)\.graphql$/.exec(file)?.[1];
    if (version) releases[version] = fs.readFileSync(path.join(dir, file), 'utf8');
  }
  return {
    current: fs.readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'),
    releases,
    changelog: fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
  };
}
