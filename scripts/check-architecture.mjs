#!/usr/bin/env node
// The architecture rules of docs/decisions/0010, checked from the source text:
//   1. a module imports another module only through its `<m>.api.ts`;
//   2. SQL lives in repositories (`*.repository.ts`, `repository/*.ts`);
//   3. no list is built as `string_to_array(${… .join(…)})`;
//   4. each module has its manifest, schema, repository, policy and a policy test.
// Modules listed in CONVERGED must hold every rule; the others are held to the counts in
// scripts/architecture-baseline.json, which may only go down (a ratchet while they move).
// Prints the measures, then exits 1 on any breach. `--write-baseline` records today's counts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselineFile = path.join(root, 'scripts/architecture-baseline.json');

/** Modules in the shape of docs/architecture.md: every rule, no exceptions. */
const CONVERGED = new Set(['core/accounts', 'core/api-clients', 'core/audit', 'core/geography', 'core/organizations', 'modules/assessments', 'modules/collaboratives', 'modules/data', 'modules/directory', 'modules/exchange', 'modules/intake', 'modules/mapping', 'modules/notifications', 'modules/pathways', 'modules/strategy']);

const modules = [
  ...fs.readdirSync(path.join(root, 'src/core'), { withFileTypes: true }).filter((d) => d.isDirectory() && !['db', 'http'].includes(d.name)).map((d) => `core/${d.name}`),
  ...fs.readdirSync(path.join(root, 'src/modules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `modules/${d.name}`),
].sort();

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : walk(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const isTest = (f) => /\.(unit|db|e2e)\.test\.tsx?$/.test(f) || f.endsWith('.factory.ts');
const isRepository = (f) => /\.repository\.ts$/.test(f) || f.includes(`${path.sep}repository${path.sep}`);
// A line that runs SQL: a Drizzle `sql` template, a query builder call on a handle, or raw text.
const SQL_LINE = /\bsql`|\bsql\.raw\(|\browsOf(Text)?\s*[<(]|\.execute\s*[<(]|\b(db|tx|database\.db)\s*\.\s*(select|insert|update|delete)\(|\bdatabase\.query\s*[<(]|\.query\(\s*[`'"](SELECT|INSERT|UPDATE|DELETE|WITH)/;
const JOINED_ARRAY = /string_to_array\(\$\{[^}]*\.join\(/;

function moduleOf(file) {
  const rel = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (rel[0] === 'core' && rel.length > 2) return `core/${rel[1]}`;
  if (rel[0] === 'modules' && rel.length > 2) return `modules/${rel[1]}`;
  return null;
}

const measures = {};
for (const m of modules) {
  const dir = path.join(root, 'src', m);
  const name = m.split('/')[1];
  const files = walk(dir);
  const source = files.filter((f) => !isTest(f));
  const imports = [];
  let sqlOutside = 0;
  let joinedArrays = 0;
  for (const f of source) {
    const text = fs.readFileSync(f, 'utf8');
    const lines = text.split('\n');
    if (!isRepository(f) && !/\.(seeds|tables)\.ts$/.test(f)) sqlOutside += lines.filter((l) => SQL_LINE.test(l)).length;
    joinedArrays += lines.filter((l) => JOINED_ARRAY.test(l)).length;
    for (const match of text.matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(f), match[1]);
      const targetModule = moduleOf(target + '.ts');
      if (m.startsWith('modules/') && targetModule && targetModule.startsWith('modules/') && targetModule !== m && !target.endsWith('.api')) {
        imports.push(`${path.relative(root, f)} → ${match[1]}`);
      }
    }
  }
  const has = (suffix) => files.some((f) => path.basename(f) === `${name}${suffix}`);
  const template = {
    manifest: has('.module.ts') || m.startsWith('core/'),
    schema: has('.schema.ts'),
    repository: has('.repository.ts') || fs.existsSync(path.join(dir, 'repository')),
    policy: has('.policy.ts'),
    policyTest: has('.policy.unit.test.ts'),
  };
  measures[m] = { sqlOutsideRepositories: sqlOutside, joinedStringArrays: joinedArrays, crossModuleImports: imports, template };
}

if (process.argv.includes('--write-baseline')) {
  const baseline = Object.fromEntries(
    Object.entries(measures).map(([m, v]) => [m, { sqlOutsideRepositories: v.sqlOutsideRepositories, joinedStringArrays: v.joinedStringArrays, crossModuleImports: v.crossModuleImports.length, missingTemplateFiles: Object.values(v.template).filter((x) => !x).length }]),
  );
  fs.writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
  console.log(`Wrote ${path.relative(root, baselineFile)}`);
}
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : {};

const breaches = [];
console.log('module                       SQL lines outside repositories  joined-string arrays  cross-module imports  template files');
let totalSql = 0;
for (const [m, v] of Object.entries(measures)) {
  const missing = Object.entries(v.template).filter(([, ok]) => !ok).map(([k]) => k);
  totalSql += v.sqlOutsideRepositories;
  console.log(
    `${m.padEnd(29)}${String(v.sqlOutsideRepositories).padStart(31)}${String(v.joinedStringArrays).padStart(22)}${String(v.crossModuleImports.length).padStart(22)}  ${missing.length ? 'missing ' + missing.join(', ') : 'all'}`,
  );
  const limit = CONVERGED.has(m) ? { sqlOutsideRepositories: 0, joinedStringArrays: 0, crossModuleImports: 0, missingTemplateFiles: 0 } : baseline[m] ?? { sqlOutsideRepositories: 0, joinedStringArrays: 0, crossModuleImports: 0, missingTemplateFiles: 0 };
  if (v.sqlOutsideRepositories > limit.sqlOutsideRepositories) breaches.push(`${m}: ${v.sqlOutsideRepositories} lines of SQL outside repositories (at most ${limit.sqlOutsideRepositories})`);
  if (v.joinedStringArrays > limit.joinedStringArrays) breaches.push(`${m}: ${v.joinedStringArrays} lists built as string_to_array(\${….join()}) (at most ${limit.joinedStringArrays}); bind them with arrayParam()`);
  if (v.crossModuleImports.length > limit.crossModuleImports) breaches.push(`${m}: imports another module's internals (only <m>.api.ts is allowed): ${v.crossModuleImports.join('; ')}`);
  if (missing.length > limit.missingTemplateFiles) breaches.push(`${m}: missing template files: ${missing.join(', ')}`);
}
console.log(`\nSQL lines outside repositories, all modules: ${totalSql}`);
if (breaches.length) {
  console.error(`\nArchitecture rules broken (docs/decisions/0010-one-shape-for-every-module.md):\n- ${breaches.join('\n- ')}`);
  process.exit(1);
}
console.log('Architecture rules hold.');
