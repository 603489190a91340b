// Builds the web app into web/dist when anything it is built from is newer than the last
// build, so tests never run against a stale UI. `node scripts/web-build.mjs` or import it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

export function webBuildIsStale() {
  const built = path.join(root, 'web/dist/index.html');
  if (!fs.existsSync(built)) return true;
  const sources = ['web/src', 'web/index.html', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  return Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs;
}

export function buildWeb() {
  if (!webBuildIsStale()) return 0;
  // Always the production build: run from a test (NODE_ENV=test) vite would otherwise build
  // React's development bundle, whose double-run effects change what a page does on load.
  return spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } }).status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(buildWeb());
