import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';

export const SERVER_ENTRY = path.join(__dirname, '..', '..', 'dist', 'src', 'index.js');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** How to start it: the compiled entry under this node by default, or a command such as `npm run start:prod`. */
export interface ServerCommand {
  file: string;
  args: string[];
}

/** Starts the compiled server (`npm start` without the build) and waits for its "ready" log line. */
export function startServerProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  command: ServerCommand = { file: process.execPath, args: [...nodeArgs, SERVER_ENTRY] },
): Promise<ServerProcess> {
  const child = spawn(command.file, command.args, {
    cwd: path.join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], exited });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** Runs the server expecting it to stop by itself; returns its exit code and stderr. */
export function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER_ENTRY], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}
