import { describe, expect, it } from 'vitest';
import { complementary, derivedShare, primary, rollUp, type RawCell } from './data.suppression';
import { isUnfinished, parsePeriod } from './data.periods';
import { disaggregationKey, parseNumber } from './data.observations';

const cell = (value: number | null, status: RawCell['status'] = 'final'): RawCell => ({ value, low: null, high: null, status });

describe('primary suppression', () => {
  it('hides counts from 1 to threshold − 1, shows zero and larger counts, leaves rates alone', () => {
    expect(primary(cell(3), 'count', 5)).toMatchObject({ suppressed: true, value: null, display: '<5', reason: 'threshold' });
    expect(primary(cell(4), 'count', 5).suppressed).toBe(true);
    expect(primary(cell(5), 'count', 5)).toMatchObject({ suppressed: false, value: 5, display: '5' });
    expect(primary(cell(0), 'count', 5)).toMatchObject({ suppressed: false, display: '0' });
    expect(primary(cell(3), 'percent', 5).suppressed).toBe(false);
    expect(primary(cell(9), 'count', 10).display).toBe('<10');
    // Owners of private data see their own small counts.
    expect(primary(cell(3), 'count', 5, false)).toMatchObject({ suppressed: false, value: 3 });
  });

  it('keeps source suppression, with its range when one is given', () => {
    expect(primary(cell(null, 'suppressed'), 'count', 5)).toMatchObject({ suppressed: true, reason: 'source', display: 'x' });
    expect(primary({ value: null, low: 10, high: 19, status: 'suppressed' }, 'count', 5)).toMatchObject({ display: '10–19', low: 10, high: 19, value: null });
  });
});

describe('complementary suppression', () => {
  it('a suppressed cell cannot be recovered by subtracting published cells from the published total', () => {
    const total = primary(cell(100), 'count', 5);
    const parts = [cell(3), cell(40), cell(20), cell(37)].map((c) => primary(c, 'count', 5));
    complementary(total, parts);
    const published = parts.filter((p) => !p.suppressed);
    expect(parts.filter((p) => p.suppressed)).toHaveLength(2);
    // The smallest other cell (20) is the complement.
    expect(parts[2]).toMatchObject({ suppressed: true, reason: 'complementary', display: 'x' });
    // What an attacker can compute: total − published = the sum of two hidden cells, not either one.
    const remainder = total.value! - published.reduce((a, p) => a + p.value!, 0);
    expect(remainder).toBe(23);
    expect(published.map((p) => p.value)).not.toContain(3);
    for (const p of parts) expect(p.suppressed ? p.value : 'shown').not.toBe(3);
  });

  it('does nothing when two cells are already hidden or the total is not published', () => {
    const parts = [cell(3), cell(2), cell(40)].map((c) => primary(c, 'count', 5));
    complementary(primary(cell(45), 'count', 5), parts);
    expect(parts.map((p) => p.suppressed)).toEqual([true, true, false]);
    const parts2 = [cell(3), cell(40)].map((c) => primary(c, 'count', 5));
    complementary(null, parts2);
    expect(parts2[1].suppressed).toBe(false);
  });

  it('hides a part when a hidden total would be the sum of published parts', () => {
    const parts = [cell(2), cell(1)].map((c) => primary(c, 'count', 0));
    complementary(primary(cell(3), 'count', 5), parts);
    expect(parts.filter((p) => p.suppressed)).toHaveLength(1);
  });

  it('suppresses percentages derived from a suppressed count', () => {
    const total = primary(cell(50), 'count', 5);
    expect(derivedShare(primary(cell(3), 'count', 5), total)).toMatchObject({ suppressed: true, reason: 'dependent' });
    expect(derivedShare(primary(cell(20), 'count', 5), total)).toMatchObject({ suppressed: false, display: '40%' });
  });
});

describe('roll-up', () => {
  it('sums published parts; any suppressed part makes the sum suppressed, never zero', () => {
    expect(rollUp([cell(10), cell(20)].map((c) => primary(c, 'count', 5)), 'count', 5)).toMatchObject({ value: 30, status: 'final' });
    const withHidden = rollUp([cell(10), cell(3)].map((c) => primary(c, 'count', 5)), 'count', 5);
    expect(withHidden).toMatchObject({ suppressed: true, value: null, reason: 'dependent' });
    expect(rollUp([cell(10, 'provisional'), cell(20)].map((c) => primary(c, 'count', 5)), 'count', 5).status).toBe('provisional');
  });
});

describe('periods, numbers and disaggregation keys', () => {
  it('normalises periods and knows when they end', () => {
    expect(parsePeriod('2024q3')).toMatchObject({ period: '2024-Q3', start: '2024-07-01', end: '2024-10-01' });
    expect(parsePeriod('2025-4')).toMatchObject({ period: '2025-04', end: '2025-05-01' });
    expect(parsePeriod('2025-12')).toMatchObject({ end: '2026-01-01' });
    expect(parsePeriod('1700')).toHaveProperty('error');
    expect(parsePeriod('2024-13')).toHaveProperty('error');
    const today = new Date('2026-11-22');
    expect(isUnfinished(parsePeriod('2026') as never, today)).toBe(true);
    expect(isUnfinished(parsePeriod('2025') as never, today)).toBe(false);
    expect(isUnfinished(parsePeriod('2026-10') as never, today)).toBe(false);
  });

  it('reads Canadian number formats', () => {
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1 234')).toBe(1234);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5%')).toBe(12.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeUndefined();
  });

  it('normalises disaggregation', () => {
    expect(disaggregationKey('Sex=Women+; age=15-24')).toEqual({ key: 'age=15-24;sex=Women+', dims: ['age', 'sex'] });
    expect(disaggregationKey({ sex: 'x' })).toEqual({ key: 'sex=x', dims: ['sex'] });
    expect(disaggregationKey('sex')).toHaveProperty('error');
    expect(disaggregationKey('sex=a;sex=b')).toHaveProperty('error');
  });
});
