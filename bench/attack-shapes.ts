/**
 * `npm run bench:attacks`: the production build under a 256 MB heap, sent every request shape in
 * tests/support/attack-shapes.ts (ROUNDS times each, in turn, with a normal query after each), on
 * 127.0.0.1 only. Prints how each was answered, the time to refuse it (median and max), and the
 * server's peak resident memory; the README's Security section quotes this table.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attackShapes } from '../tests/support/attack-shapes';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-attacks-'));
  const child = spawn(process.execPath, ['--max-old-space-size=256', path.join(__dirname, '..', 'src', 'index.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`server exited:\n${output}`)));
  });
  const post = async (body: string) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { ms: performance.now() - started, status: response.status, code: json.errors?.[0]?.extensions?.code ?? 'none' };
  };
  const normal = JSON.stringify({ query: '{ articles(first: 1) { edges { node { headline people { name } } } } }' });
  const rows: string[] = [];
  let refused = 0;
  let normalOk = 0;
  for (const shape of attackShapes()) {
    const times: number[] = [];
    let answer = '';
    for (let round = 0; round < ROUNDS; round += 1) {
      const result = await post(shape.body);
      times.push(result.ms);
      answer = `${result.status} ${result.code}`;
      if (result.status === shape.status && result.code === shape.code) refused += 1;
      if ((await post(normal)).code === 'none') normalOk += 1;
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${shape.name} | ${(shape.body.length / 1024).toFixed(0)} kB | ${answer} | ${times[times.length >> 1].toFixed(1)} ms | ${times[times.length - 1].toFixed(1)} ms |`,
    );
  }
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  console.log('| shape | body | answer | median | max |\n| --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
  console.log(
    `\n${refused} of ${attackShapes().length * ROUNDS} attack requests refused with the expected code; ${normalOk} of ${attackShapes().length * ROUNDS} normal queries in between answered; peak RSS ${peak.toFixed(0)} MiB (heap limit 256 MB).`,
  );
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
