import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attackShapes } from '../support/attack-shapes';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** Peak resident memory of a process so far, from /proc (Linux). */
function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * The production build under a 256 MB heap, sent the request shapes that exhaust GraphQL servers:
 * each is refused before execution, within a second, with its code, and the server goes on
 * answering normal queries.
 */
describe('attack shapes against the production server with a small heap', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgate-attacks-'));
    server = await startServerProcess({ DATABASE_URL: `sqlite:${path.join(dir, 'newsgate.sqlite')}` }, ['--max-old-space-size=256']);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const normalQuery = async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 1) { edges { node { headline people { name } } } } }' }),
      signal: AbortSignal.timeout(5_000),
    });
    return (await response.json()) as any;
  };

  it.each(attackShapes().map((shape) => [shape.name, shape] as const))('refuses %s', async (_name, shape) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: shape.body,
      // "Refused within a second": a client that waits no longer still gets its answer.
      signal: AbortSignal.timeout(1_000),
    });
    const body = (await response.json()) as any;
    expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status: shape.status, code: shape.code });
    expect(body.data ?? null).toBeNull();
    const after = await normalQuery();
    expect(after.data.articles.edges[0].node.headline).toBe('Russia Invites Ukraine President Zelensky for Peace Talks');
  });

  it('stays small and keeps answering after all of them', async () => {
    await Promise.all(
      attackShapes().map((shape) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: shape.body }).then((r) => r.text()),
      ),
    );
    const after = await normalQuery();
    expect(after.errors).toBeUndefined();
    // Far below the 256 MB heap limit: nothing was ever executed at the attack's scale.
    expect(peakRssMiB(server.child.pid!)).toBeLessThan(400);
  });
});
