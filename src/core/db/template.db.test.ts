import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrateModules, migrationSources } from './lifecycle';
import { buildTemplate, templateForNewDataDir, templateIsCurrent } from './template';
import { allModules } from '../../modules';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-template-test-'));
const file = path.join(work, 'template.tar');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the embedded database start-up template', () => {
  it('is built from the migrations, and a new data directory starts from it with nothing left to migrate', async () => {
    expect(templateIsCurrent(file)).toBe(false);
    expect(templateForNewDataDir(path.join(work, 'a'), file)).toBeUndefined();
    await buildTemplate(migrationSources(allModules), file);
    expect(templateIsCurrent(file)).toBe(true);

    const dir = path.join(work, 'a');
    const blob = templateForNewDataDir(dir, file);
    expect(blob?.size).toBeGreaterThan(1_000_000);
    const database = await openDatabase({ dataDir: dir, loadDataDir: blob });
    try {
      const result = await migrateModules(database, allModules);
      expect(result.applied).toEqual([]);
      expect(result.alreadyApplied).toBeGreaterThan(40);
      // The extensions the migrations create came with it.
      const [row] = await database.query<{ similarity: number }>("SELECT similarity('roundtable', 'roundtables') AS similarity");
      expect(row.similarity).toBeGreaterThan(0.5);
    } finally {
      await database.close();
    }
    // A directory that already holds a database is never overwritten.
    expect(templateForNewDataDir(dir, file)).toBeUndefined();
  }, 120_000);

  it('is not used once a migration changes', () => {
    fs.writeFileSync(`${file}.stamp`, 'made from other migrations');
    expect(templateIsCurrent(file)).toBe(false);
    expect(templateForNewDataDir(path.join(work, 'b'), file)).toBeUndefined();
  });
});
