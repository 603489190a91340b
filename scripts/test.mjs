#!/usr/bin/env node
// `npm test`: type-check, then every test project: unit and db (on PGlite) first, then the
// browser journeys (on Chromium). Ends with a plain "N passed, N failed" line that CI reads.
//
// `npm test -- unit` (or db, browser) runs those projects only. When RT_SIGNAL_AFTER_DB names
// a file, it is created once the unit and db projects are done, so .ci/run can start the
// PostgreSQL pass beside the browser journeys rather than after them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWeb } from './web-build.mjs';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env });
const requested = process.argv.slice(2);

if (requested.length === 0) {
  console.log('> type-check');
  if (run('npx', ['tsc', '--noEmit', '-p', '.']).status !== 0) {
    console.error('Type-check failed.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (run('node', ['scripts/ensure-chromium.mjs']).status !== 0) process.exit(1);
  if (buildWeb() !== 0) process.exit(1);
  // The migrated database template the servers and the db tests' template start from.
  if (run('node', ['scripts/build-db-template.mjs']).status !== 0) process.exit(1);
}

/** Runs vitest over some projects; returns its exit status and the counts of its JSON report. */
function vitest(projects) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-vitest-')), 'results.json');
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  for (const p of projects) args.push('--project', p);
  const result = run('npx', args);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numRuntimeErrorTests ?? 0);
    if (json.numTotalTests === 0) {
      failed += 1;
      failures.push(`${projects.join('+')}: no test ran`);
    }
    for (const file of json.testResults ?? []) {
      const where = path.relative(process.cwd(), file.name);
      const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of tests) failures.push(`${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      // A file can fail with no failed test (an error while loading it, or after its tests).
      if (file.status === 'failed' && tests.length === 0) failures.push(`${where}: ${firstLine(file.message) || 'failed outside its tests'}`);
    }
  } catch {
    failed += 1;
    failures.push(`${projects.join('+')}: no JSON report (vitest exited ${result.status})`);
  }
  if (result.status !== 0 && failed === 0) {
    failed = 1;
    failures.push(`${projects.join('+')}: vitest exited ${result.status} with every test passed (an unhandled error; its output is above)`);
  }
  return { passed, failed };
}

/** What failed, a line each, repeated after the totals where a long log's tail shows it. */
const failures = [];
const firstLine = (text) => {
  const line = String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';
  // Vitest reports a timeout with the stack of where the test was declared, whose first line
  // is its placeholder message.
  return line === 'Error: STACK_TRACE_ERROR' ? 'timed out (the test or one of its hooks ran past its timeout)' : line;
};

const phases = requested.length ? [requested] : [['unit', 'db'], ['browser']];
let passed = 0;
let failed = 0;
for (const [i, projects] of phases.entries()) {
  const r = vitest(projects);
  passed += r.passed;
  failed += r.failed;
  if (i === 0 && process.env.RT_SIGNAL_AFTER_DB) fs.writeFileSync(process.env.RT_SIGNAL_AFTER_DB, `${r.failed}\n`);
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
for (const f of failures) console.log(`  failed: ${f}`);
if (process.env.RT_FAILURES_FILE) fs.writeFileSync(process.env.RT_FAILURES_FILE, failures.map((f) => `${f}\n`).join(''));
process.exit(failed === 0 ? 0 : 1);
