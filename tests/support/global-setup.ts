import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Compiles the server once, for the suites that run it as a separate process (`dist/`). */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
