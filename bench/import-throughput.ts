/**
 * `npm run bench:import`: the importer's throughput. Writes 1,000 generated articles (the labelled
 * copy in tests/fixtures, each with its own headline and names varied) to a temp folder and imports
 * the folder with the CLI into a fresh SQLite file, as an editor would: `npm run import -- <folder>`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { variedCopies } from '../tests/support/extraction-score';

const ARTICLES = Number(process.env.ARTICLES ?? 1000);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-import-bench-'));
let bytes = 0;
variedCopies(ARTICLES).forEach((text, index) => {
  bytes += Buffer.byteLength(text);
  fs.writeFileSync(path.join(folder, `article-${String(index).padStart(4, '0')}.txt`), text);
});
const database = path.join(folder, 'bench.sqlite');
const cli = path.join(__dirname, '..', 'src', 'cli', 'import.cli.js');
const migrate = path.join(__dirname, '..', 'src', 'cli', 'migrate.cli.js');
const env = { ...process.env, DATABASE_URL: `sqlite:${database}`, NEWSGATE_SEED: 'false', LOG_LEVEL: 'silent' };
execFileSync(process.execPath, [migrate], { env, stdio: 'ignore' });
const started = process.hrtime.bigint();
execFileSync(process.execPath, [cli, folder], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `${ARTICLES} articles (${(bytes / 1024).toFixed(0)} KiB) imported in ${seconds.toFixed(1)} s: ${(ARTICLES / seconds).toFixed(1)} articles/s, ${(bytes / 1024 / seconds).toFixed(0)} KiB/s (CLI process, one SQLite file, extraction and one transaction per article)`,
);
fs.rmSync(folder, { recursive: true, force: true });
