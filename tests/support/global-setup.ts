import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds dist/ once (`npm run build`), for the suites that run the server or CLI as processes. */
export default function globalSetup(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: path.join(__dirname, '..', '..'), stdio: 'inherit' });
}
