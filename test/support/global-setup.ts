import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
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
export default function setup(): () => void {
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
  return startPostgres();
}

/**
 * The PostgreSQL server the store tests run against (every store test runs on SQLite and on
 * PostgreSQL): `LIVECTL_TEST_PG_URL` when set (CI's .ci/run starts one), else a throwaway server
 * from Debian's packages (`scripts/test-postgres.sh`), started here and stopped after the run.
 * Tests create their own databases in it (test/support/postgres.ts).
 */
function startPostgres(): () => void {
  if (process.env.LIVECTL_TEST_PG_URL) return () => {};
  const script = path.join(root, 'scripts', 'test-postgres.sh');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'livectl-pg-'));
  const url = execFileSync('bash', [script, 'start', dir], { encoding: 'utf8' }).trim();
  process.env.LIVECTL_TEST_PG_URL = url;
  return () => {
    execFileSync('bash', [script, 'stop', dir], { stdio: 'ignore' });
  };
}
