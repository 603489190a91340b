import { describe, expect, it } from 'vitest';
import * as rba from './strategy.compute';

describe('periods and units', () => {
  it('checks a period against the frequency', () => {
    expect(rba.periodProblem('2026', 'annual')).toBeNull();
    expect(rba.periodProblem('2026-Q2', 'annual')).toBe('Use a year like 2026');
    expect(rba.periodProblem('2026-Q5', 'quarterly')).not.toBeNull();
    expect(rba.periodProblem('2026-04', 'monthly')).toBeNull();
    expect(rba.periodIndex('2026-Q3')).toBe(2026.5);
    expect(rba.periodEnd('2026-Q1').toISOString().slice(0, 10)).toBe('2026-03-31');
  });
  it('checks a value against the unit', () => {
    expect(rba.valueProblem(12, 'count')).toBeNull();
    expect(rba.valueProblem(12.5, 'count')).toMatch(/whole number/);
    expect(rba.valueProblem(-1, 'count')).toMatch(/whole number/);
    expect(rba.valueProblem(101, 'percent')).toMatch(/between 0 and 100/);
    expect(rba.valueProblem(10.005, 'currency')).toMatch(/2 decimals/);
    expect(rba.valueProblem(-3.2, 'number')).toBeNull();
  });
});

describe('status against target', () => {
  const t = [{ period: '2025', value: 60 }, { period: '2026', value: 70 }];
  it('is met when the latest actual reaches its period target (higher is better)', () => {
    const s = rba.targetStatus({ direction: 'higher_is_better', baseline: 50, targets: t, actuals: [{ period: '2025', value: 61 }] });
    expect(s.status).toBe('met');
    expect(s.target).toEqual({ period: '2025', value: 60 });
    expect(s.progress).toBeCloseTo(1.1);
  });
  it('is progressing when better than baseline but short of target', () => {
    const s = rba.targetStatus({ direction: 'higher_is_better', baseline: 50, targets: t, actuals: [{ period: '2025', value: 61 }, { period: '2026', value: 65 }] });
    expect(s.status).toBe('progressing');
    expect(s.progress).toBeCloseTo(0.75);
  });
  it('is off track when no better than baseline; lower-is-better reads the other way', () => {
    expect(rba.targetStatus({ direction: 'higher_is_better', baseline: 50, targets: t, actuals: [{ period: '2025', value: 49 }] }).status).toBe('off_track');
    expect(rba.targetStatus({ direction: 'lower_is_better', baseline: 31, targets: [{ period: '2025', value: 28 }], actuals: [{ period: '2025', value: 27 }] }).status).toBe('met');
    expect(rba.targetStatus({ direction: 'lower_is_better', baseline: 31, targets: [{ period: '2025', value: 28 }], actuals: [{ period: '2025', value: 33 }] }).status).toBe('off_track');
  });
  it('says no data and no target', () => {
    expect(rba.targetStatus({ direction: 'higher_is_better', baseline: 1, targets: t, actuals: [] }).status).toBe('no_data');
    expect(rba.targetStatus({ direction: 'higher_is_better', baseline: 1, targets: [], actuals: [{ period: '2025', value: 3 }] }).status).toBe('no_target');
  });
});

describe('trend and forecast', () => {
  it('reads the slope in the direction of the measure', () => {
    const up = [{ period: '2023', value: 10 }, { period: '2024', value: 12 }, { period: '2025', value: 14 }];
    expect(rba.trendOf('higher_is_better', up)).toBe('improving');
    expect(rba.trendOf('lower_is_better', up)).toBe('worsening');
    expect(rba.trendOf('higher_is_better', [{ period: '2024', value: 100 }, { period: '2025', value: 100.5 }])).toBe('flat');
    expect(rba.trendOf('higher_is_better', [{ period: '2025', value: 3 }])).toBe('unknown');
  });
  it('forecasts the baseline/history line when nothing changes, and flat from a lone baseline', () => {
    const f = rba.forecastIfNothingChanges({ baseline: { period: '2022', value: 40 }, actuals: [{ period: '2023', value: 42 }, { period: '2025', value: 99 }], startYear: 2024, periods: ['2022', '2023', '2024', '2025', '2026'] });
    expect(f.get('2024')).toBe(44);
    expect(f.get('2026')).toBe(48);
    expect(f.has('2022')).toBe(false);
    const flat = rba.forecastIfNothingChanges({ baseline: { period: '2023', value: 7 }, actuals: [], startYear: 2025, periods: ['2025', '2026'] });
    expect([...flat.values()]).toEqual([7, 7]);
  });
  it('builds turn-the-curve rows from the baseline to the plan end', () => {
    const rows = rba.turnTheCurve({ frequency: 'annual', startYear: 2025, endYear: 2027, baseline: { period: '2023', value: 48 }, targets: [{ period: '2027', value: 58 }], actuals: [{ period: '2025', value: 53 }] });
    expect(rows.map((r) => r.period)).toEqual(['2023', '2024', '2025', '2026', '2027']);
    expect(rows[0]).toEqual({ period: '2023', baseline: 48, forecast: 48, target: null, actual: null });
    expect(rows[4].target).toBe(58);
    expect(rows[2].actual).toBe(53);
  });
});

describe('freshness and warnings', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('expects last year’s annual value after the grace time', () => {
    expect(rba.expectedPeriod('annual', now).period).toBe('2025');
    expect(rba.expectedPeriod('annual', new Date('2026-02-01')).period).toBe('2024');
    expect(rba.expectedPeriod('quarterly', now).period).toBe('2026-Q3');
  });
  it('marks a measure stale when the period due has no value', () => {
    const base = { frequency: 'annual' as const, startYear: 2025, endYear: 2027, baselinePeriod: '2023', now };
    expect(rba.freshnessOf({ ...base, actuals: [{ period: '2025', value: 1 }] }).stale).toBe(false);
    const stale = rba.freshnessOf({ ...base, actuals: [{ period: '2024', value: 1 }] });
    expect(stale.stale).toBe(true);
    expect(stale.staleAtNextDue).toBe(true);
    expect(rba.freshnessOf({ ...base, startYear: 2026, actuals: [] }).stale).toBe(false);
    expect(rba.planFreshness([stale, { ...stale, stale: false }])).toMatchObject({ score: 0.5, upToDate: 1, total: 2 });
  });
  it('warns when every performance measure counts outputs', () => {
    expect(rba.outputOnly([{ kind: 'performance', rbaType: 'how_much' }, { kind: 'population', rbaType: null }])).toBe(true);
    expect(rba.outputOnly([{ kind: 'performance', rbaType: 'how_much' }, { kind: 'performance', rbaType: 'better_off' }])).toBe(false);
    expect(rba.outputOnly([])).toBe(false);
  });
  it('flags overdue and stalled actions', () => {
    const today = new Date('2026-11-22');
    expect(rba.actionFlags({ status: 'in_progress', dueDate: '2026-09-30', lastNoteAt: '2026-11-01', createdAt: '2026-01-01' }, today, 60)).toEqual({ overdue: true, stalled: false });
    expect(rba.actionFlags({ status: 'completed', dueDate: '2026-09-30', lastNoteAt: null, createdAt: '2026-01-01' }, today, 60)).toEqual({ overdue: false, stalled: false });
    expect(rba.actionFlags({ status: 'in_progress', dueDate: null, lastNoteAt: '2026-08-01', createdAt: '2026-01-01' }, today, 60)).toEqual({ overdue: false, stalled: true });
  });
  it('detects circular links', () => {
    const edges: [string, string][] = [['a', 'b'], ['b', 'c']];
    expect(rba.wouldCycle(edges, 'c', 'a')).toBe(true);
    expect(rba.wouldCycle(edges, 'a', 'c')).toBe(false);
    expect(rba.wouldCycle(edges, 'a', 'a')).toBe(true);
  });
});

describe('hand-entered counts shown publicly', () => {
  it('hides counts of 1–4 (values and baseline) and leaves other units and larger counts alone', () => {
    const { protectCounts } = rba;
    const out = protectCounts('count', 5, { period: '2023', value: 3 }, [{ period: '2024', value: 4 }, { period: '2025', value: 12 }, { period: '2026', value: 0 }]);
    expect(out.baseline).toBe(null);
    expect(out.values.map((v) => v.period)).toEqual(['2025', '2026']);
    expect(out.hiddenPeriods).toEqual(['2024']);
    expect(protectCounts('percent', 5, null, [{ period: '2024', value: 4 }]).values).toHaveLength(1);
  });
});
