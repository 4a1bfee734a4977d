import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Tests that spawn `bin/livectl.js` run the bundle (dist/bundle). Rebuild it when any source is newer,
 * so a test run never exercises stale code (`npm test` builds first anyway; this covers `npx vitest`).
 */
export default function setup(): void {
  const bundle = path.join(root, 'dist', 'bundle', 'livectl.cjs');
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    built = 0;
  }
  if (newest(path.join(root, 'src')) > built) {
    // Both halves of `npm run build`: bin/livectl.js loads dist/cli/launch.js (tsc), which loads the bundle.
    const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);
    execFileSync(process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'pipe',
    });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], {
      cwd: root,
      stdio: 'pipe',
    });
  }
}
