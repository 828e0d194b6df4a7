import '../utc-process';
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { WriteQueue } from '../db/write-queue';
import { entities } from '../modules/entities';
import { ArticleWriter } from '../modules/import/article-writer.service';
import { ExtractionPool } from '../modules/import/extraction-pool';
import { ImportInputError, ImportTimeoutError, MAX_COPY_BYTES } from '../modules/import/import-errors';
import { ImportService } from '../modules/import/import.service';
import { openSharedEvents } from '../server/shared-events';

const USAGE = `Usage: npm run import -- [--section <name>] <file.txt | folder | -> ...
Imports raw news copy into the database in DATABASE_URL (created and migrated when needed).
A folder imports every .txt file in it; "-" reads standard input.`;

interface Source {
  label: string;
  read: () => Promise<Buffer>;
}

interface Options {
  section: string | null;
  sources: Source[];
  problems: { label: string; problem: string }[];
}

function parseArguments(args: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { section: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the option: "Unknown option '--sectoin'", "Option '--section <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message.split('.')[0] : String(error));
  }
  const section = parsed.values.section;
  if (section !== undefined && section.trim() === '') throw new UsageError('--section needs a name');
  const options: Options = { section: section ?? null, sources: [], problems: [] };
  for (const arg of parsed.positionals) {
    if (arg === '-') {
      options.sources.push({ label: '<stdin>', read: readStdin });
    } else if (!fs.existsSync(arg)) {
      options.problems.push({ label: arg, problem: 'no such file or folder' });
    } else if (fs.statSync(arg).isDirectory()) {
      const files = fs
        .readdirSync(arg)
        .filter((name) => name.toLowerCase().endsWith('.txt'))
        .sort();
      if (files.length === 0) options.problems.push({ label: arg, problem: 'the folder has no .txt files' });
      for (const name of files) options.sources.push(fileSource(path.join(arg, name)));
    } else {
      options.sources.push(fileSource(arg));
    }
  }
  if (options.sources.length === 0 && options.problems.length === 0) throw new UsageError('name at least one file, folder or -');
  return options;
}

class UsageError extends Error {}

function fileSource(file: string): Source {
  return {
    label: file,
    read: async () => {
      // Refuse oversized files before reading them into memory.
      if (fs.statSync(file).size > MAX_COPY_BYTES) {
        throw new ImportInputError(`the file is ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB; at most 1 MB is accepted`);
      }
      return fs.promises.readFile(file);
    },
  };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > MAX_COPY_BYTES) throw new ImportInputError('standard input is over 1 MB; at most 1 MB is accepted');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Strict UTF-8: anything that does not decode is binary data, not copy. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportInputError('the file is not UTF-8 text (binary data?)');
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = parseArguments(args);
  const config = loadConfig();
  const dataSource = await openDatabase(config.database, entities);
  // On PostgreSQL, gateways running on the database hear what each import changed, as they hear
  // each other's writes (their response caches evict it); nothing to tell on SQLite.
  const shared = await openSharedEvents(config.database, null, pino({ level: 'warn' }, pino.destination(2))).catch(
    async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    },
  );
  // Extraction runs in IMPORT_WORKERS worker threads, each article within IMPORT_TIMEOUT_MS; writes are one queued transaction each.
  const extraction = new ExtractionPool(config.imports);
  const service = new ImportService(new WriteQueue(dataSource), new ArticleWriter(), extraction, shared.changes);
  const failures = [...options.problems];
  let created = 0;
  let updated = 0;

  const bar =
    process.stderr.isTTY && options.sources.length > 1
      ? new SingleBar({ format: 'importing [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true })
      : null;
  bar?.start(options.sources.length, 0);
  const print = (line: string, stream: NodeJS.WriteStream = process.stdout) => {
    if (bar) process.stderr.write('\r\x1b[K');
    stream.write(`${line}\n`);
  };

  const importOne = async (source: Source) => {
    try {
      const result = await service.import({ text: decode(await source.read()), section: options.section });
      if (result.created) created += 1;
      else updated += 1;
      const { people, quotes } = result.extraction.draft;
      print(
        `${result.created ? 'created' : 'updated'}  ${result.article.slug}  (${count(people.length, 'person', 'people')}, ${count(quotes.length, 'quote', 'quotes')})  ${source.label}`,
      );
    } catch (error) {
      const problem =
        error instanceof ImportInputError ? error.problem : error instanceof ImportTimeoutError ? timeoutProblem(error) : null;
      if (problem === null) throw error;
      failures.push({ label: source.label, problem });
      print(`failed   ${source.label}: ${problem}`, process.stderr);
    }
    bar?.increment();
  };

  try {
    // As many files at once as there are workers: with one (the default on 2 cores) in the order
    // given, with more in the order they finish. An unexpected error stops the run once every file
    // in flight has finished, so nothing writes after the database is closed.
    const queue = [...options.sources];
    let stopped: unknown = null;
    const take = async () => {
      for (let source = queue.shift(); source && !stopped; source = queue.shift()) {
        try {
          await importOne(source);
        } catch (error) {
          stopped ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.imports.workers, queue.length) }, take));
    if (stopped) throw stopped;
  } finally {
    bar?.stop();
    await extraction.close();
    await shared.close();
    await dataSource.destroy();
  }

  for (const { label, problem } of options.problems) console.error(`failed   ${label}: ${problem}`);
  console.log(`${created + updated} imported (${created} created, ${updated} updated), ${failures.length} failed`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(`import failed: ${error instanceof Error ? error.message : error}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

function timeoutProblem(error: ImportTimeoutError): string {
  return `extraction took longer than ${error.timeoutMs} ms (IMPORT_TIMEOUT_MS) and was stopped; nothing was stored`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
