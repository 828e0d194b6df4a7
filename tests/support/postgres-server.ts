import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The folder of PostgreSQL's server programs (Debian: /usr/lib/postgresql/<version>/bin), newest first; null when not installed. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres: the superuser, trusted on loopback. */
  url: string;
  /** The same on the streaming replica (hot standby of the whole cluster), when one was asked for. */
  replicaUrl?: string;
  /** The replica's data folder (for stopReplica and startReplica). */
  replicaData?: string;
  dir: string;
  stop(): void;
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on a free loopback port: initdb, then
 * pg_ctl start, as the `postgres` user when run as root (the server refuses to run as root), with
 * fsync off (a test database need not survive a power cut). With `replica`, a streaming replica
 * of it on another port (pg_basebackup -R: a hot standby that replays the primary's WAL as it
 * streams). `stop()` shuts both down and removes them.
 */
export async function startThrowawayPostgres({ replica = false }: { replica?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = postgresBinaries();
  if (bin === null) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (program: string, args: string[]) => runAsPostgres(bin, program, args, dir);
  const data = path.join(dir, 'data');
  const standby = path.join(dir, 'replica');
  const running: string[] = [];
  const stopAll = () => {
    try {
      for (const folder of running.reverse()) run('pg_ctl', ['-D', folder, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const start = (folder: string, port: number, log: string) => {
    startServer(bin, folder, port, path.join(dir, log));
    running.push(folder);
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    const port = await freePort();
    start(data, port, 'server.log');
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (!replica) return { url, dir, stop: stopAll };
    // initdb's pg_hba.conf trusts replication connections on loopback; -R writes standby.signal
    // and primary_conninfo, so the copy starts as a hot standby streaming from the primary.
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream', '--no-sync']);
    const replicaPort = await freePort();
    start(standby, replicaPort, 'replica.log');
    return { url, replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`, replicaData: standby, dir, stop: stopAll };
  } catch (error) {
    stopAll();
    throw error;
  }
}

/** Runs one of PostgreSQL's programs, as the `postgres` user when this process is root. */
function runAsPostgres(bin: string, program: string, args: string[], cwd: string): void {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : path.join(bin, program);
  const commandArgs = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
}

/** Starts the server on a data folder of a throwaway cluster (its socket in the cluster's folder, on loopback). */
function startServer(bin: string, data: string, port: number, logFile: string): void {
  const dir = path.dirname(data);
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=400'];
  runAsPostgres(bin, 'pg_ctl', ['-D', data, '-o', options.join(' '), '-l', logFile, '-w', 'start'], dir);
}

/** Stops a throwaway cluster's replica, as a crash or a network cut would take it away (tests of reads around it). */
export function stopReplica(data: string): void {
  runAsPostgres(postgresBinaries()!, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], path.dirname(data));
}

/** Starts a stopped replica again on its port. */
export function startReplica(data: string, port: number): void {
  startServer(postgresBinaries()!, data, port, path.join(path.dirname(data), 'replica.log'));
}
