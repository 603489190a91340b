import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import { silentProgress } from '../../core/db/backup';
import { dataCli } from './data.cli';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-data-cli-'));
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: Record<string, unknown>) =>
  (dataCli.commands['data.import'].run as (ctx: unknown, a: unknown) => Promise<string>)({ database, log: () => undefined, progress: silentProgress }, { dryRun: false, format: 'tidy', ...args });

describe('roundtable data import', () => {
  it('registers `data import <file>` with its options', async () => {
    const program = new Command();
    const calls: [string, unknown][] = [];
    dataCli.register(program, async (name, args) => {
      calls.push([name, args]);
    });
    await program.parseAsync(['node', 'roundtable', 'data', 'import', 'x.csv', '--dry-run', '--format', 'census', '--period', '2021']);
    expect(calls).toEqual([['data.import', { file: path.resolve('x.csv'), dryRun: true, collaborativeId: undefined, format: 'census', period: '2021' }]]);
  });

  it('dry-runs, imports, then reports nothing new on a second run', async () => {
    const file = path.join(dir, 'obs.csv');
    fs.writeFileSync(file, 'indicator_code,geography_code,period,value\npopulation.total,3518009,2019,135000\npopulation.total,3518013,2019,170000\n');
    expect(await run({ file, dryRun: true })).toBe('Dry run: would import 2 observations (2 created, 0 updated, 0 unchanged; utf-8).');
    expect(await run({ file })).toBe('Imported 2 observations (2 created, 0 updated, 0 unchanged; utf-8).');
    expect(await run({ file })).toBe('Imported 2 observations (0 created, 0 updated, 2 unchanged; utf-8).');
  });

  it('fails with the bad rows named', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'indicator_code,geography_code,period,value\npopulation.total,3518009,2019,abc\n');
    await expect(run({ file })).rejects.toMatchObject({ errors: [{ field: 'line 2: value', message: '"abc" is not a number' }] });
  });
});
