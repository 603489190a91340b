#!/usr/bin/env node
// Runs one benchmark: `npm run bench -- NAME` → `node --import tsx bench/NAME.ts`.
// Without NAME (or with an unknown one) it lists the benches in bench/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');

function available() {
  if (!fs.existsSync(benchDir)) return [];
  return fs
    .readdirSync(benchDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => e.name.slice(0, -3))
    .sort();
}

function firstLine(file) {
  // The first line of a bench's leading doc comment, for the list.
  const src = fs.readFileSync(file, 'utf8');
  const m = src.match(/\/\*\*\s*\n?\s*\*?\s*([^\n]+)/);
  return m ? m[1].replace(/\*\/\s*$/, '').trim() : '';
}

function list(out) {
  const names = available();
  out('Usage: npm run bench -- NAME [args]\n');
  if (!names.length) return out('No benches found in bench/.');
  out('Available benches:');
  for (const n of names) out(`  ${n.padEnd(16)} ${firstLine(path.join(benchDir, `${n}.ts`))}`);
  out('\nSee bench/README.md for what each one measures.');
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  list(console.log);
  process.exit(0);
}
if (!available().includes(name)) {
  console.error(`Unknown bench "${name}".\n`);
  list(console.error);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.ts`), ...rest], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
