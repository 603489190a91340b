import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { rawFieldSql, type RawField } from './repository/import.repository';

// The import checks a CSV file's raw text set-wise; a row it finds bad goes through the
// row-by-row check, which has the last word. So the set-wise check may send a good value there,
// but must never pass a value the column would refuse or store otherwise. These values are
// checked against what the formats mean, written here in JavaScript, and against PostgreSQL's
// own casts.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

const field = (type: RawField['type'], stageType: string): RawField => ({ name: 'x', type, required: true, stageType, column: 'c0' });

/** The set-wise verdict for each value: true when the row would go to the row-by-row check. */
async function bad(f: RawField, values: string[]): Promise<boolean[]> {
  const { bad } = rawFieldSql(f, 65536);
  const rows = await t.database.query<{ bad: boolean }>(`SELECT ${bad} AS bad FROM unnest($1::text[]) WITH ORDINALITY AS r(c0, n) ORDER BY n`, [values]);
  return rows.map((r) => r.bad);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

describe('the set-wise checks of an import', () => {
  it('passes a UUID in its 8-4-4-4-12 form only', async () => {
    const good = 'be0000c0-0000-4000-8000-000000000001';
    const values = [
      good,
      good.toUpperCase(),
      'Be0000C0-aBcD-4000-8000-00000000000F',
      `{${good}}`,
      good.replace(/-/g, ''),
      ` ${good}`,
      `${good} `,
      good.slice(1),
      `${good}0`,
      'be0000c0-0000-4000-8000-00000000000g',
      'be0000c00-000-4000-8000-000000000001',
      'be0000c0-0000-4000-8000-0000000000-1',
      'be0000c0-0000-4000-8000--00000000001',
      '------------------------------------',
      'be0000c0-0000-4000-8000-00000000000١',
      'be0000c0-0000-4000-8000-00000000000Ａ',
      'be0000c0\u20110000-4000-8000-000000000001',
      '',
    ];
    const verdicts = await bad(field('uuid', 'uuid'), values);
    expect(verdicts).toEqual(values.map((v) => !UUID.test(v)));
    expect(verdicts[0]).toBe(false);
    expect(verdicts.filter((b) => !b)).toHaveLength(3);
  });

  it('passes a real day from the year 1000 only, as YYYY-MM-DD', async () => {
    const realDay = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m || Number(m[1]) < 1000) return false;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
    };
    const values = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2025-04-31', '2025-04-30', '2025-12-31', '2025-01-31', '2025-06-31', '2025-11-31', '2025-09-31',
      '0999-12-31', '1000-01-01', '9999-12-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '2025-1-01', ' 2025-01-01', '2025-01-01x', '٢٠٢٥-01-01', '2025/01/01', ''];
    const verdicts = await bad(field('date', 'date'), values);
    expect(verdicts).toEqual(values.map((v) => !realDay(v)));
    expect(verdicts.filter((b) => !b)).toHaveLength(7);
    // PostgreSQL agrees on every value passed: each casts to the same day.
    const passed = values.filter((_, i) => !verdicts[i]);
    const roundTrip = await t.database.query<{ same: boolean }>(`SELECT to_char(v::date, 'YYYY-MM-DD') = v AS same FROM unnest($1::text[]) v`, [passed]);
    expect(roundTrip.every((r) => r.same)).toBe(true);
  });

  it('passes only date-times PostgreSQL takes, so a passed row never fails its cast', async () => {
    const values = ['2025-03-07T00:00:00.000Z', '2025-03-07', '2025-03-07 23:59', '2025-03-07T12:30:15+15:59', '2025-03-07T12:30:15-15:59', '9999-12-31T23:59:59-15:59',
      '2025-03-07T12:30+16:00', '2025-03-07T12:30-23:00', '2025-02-30T00:00Z', '2025-03-07T24:00Z', '2025-03-07T23:60Z', '2025-03-07T23:59:60Z', '0999-12-31T00:00Z', '2025-03-07T1:00Z', 'yesterday'];
    const verdicts = await bad(field('datetime', 'timestamptz'), values);
    expect(verdicts).toEqual([false, false, false, false, false, false, true, true, true, true, true, true, true, true, true]);
    const passed = values.filter((_, i) => !verdicts[i]);
    const cast = await t.database.query<{ at: Date }>(`SELECT v::timestamptz AS at FROM unnest($1::text[]) v`, [passed]);
    expect(cast).toHaveLength(passed.length);
  });
});
