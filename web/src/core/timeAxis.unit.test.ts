import { describe, expect, it } from 'vitest';
import { granularity, periodTime, timeAxis } from './timeAxis';

const year = (t: number) => new Date(t).getUTCFullYear();

describe('a true time axis', () => {
  it('places each period at the instant it starts', () => {
    expect(periodTime('2025')).toBe(Date.UTC(2025, 0, 1));
    expect(periodTime('2024-Q3')).toBe(Date.UTC(2024, 6, 1));
    expect(periodTime('2025-04')).toBe(Date.UTC(2025, 3, 1));
    expect(periodTime('2025-04-15')).toBe(Date.UTC(2025, 3, 15));
    expect(periodTime('soon')).toBeNaN();
    expect(['2021', '2024-Q3', '2025-04', '2025-04-15'].map(granularity)).toEqual(['year', 'quarter', 'month', 'day']);
  });

  it('spaces years by time: 2009 is far from 2021, 2021 close to 2025', () => {
    const axis = timeAxis(['2009', '2021', '2025'], 'en');
    const x = (p: string) => axis.fraction(periodTime(p));
    expect(x('2009')).toBe(0);
    expect(x('2025')).toBe(1);
    // 12 of the 16 years: three quarters of the way, not the middle a category axis would give.
    expect(x('2021')).toBeCloseTo(0.75, 2);
    expect(x('2021') - x('2009')).toBeGreaterThan(2.5 * (x('2025') - x('2021')));
  });

  it('ticks whole years only, at a round step, inside the domain', () => {
    const axis = timeAxis(['2009', '2021', '2025'], 'en');
    const years = axis.ticks.map(year);
    expect(years).toEqual([2010, 2015, 2020, 2025]);
    for (const t of axis.ticks) expect(new Date(t).getUTCMonth()).toBe(0);
    const short = timeAxis(['2023', '2024', '2025'], 'en');
    expect(short.ticks.map(year)).toEqual([2023, 2024, 2025]);
  });

  it('labels ticks in the reader’s language, months for finer data', () => {
    expect(timeAxis(['2021'], 'fr').format(Date.UTC(2021, 0, 1))).toBe('2021');
    const monthly = timeAxis(['2025-01', '2025-06'], 'fr');
    expect(monthly.granularity).toBe('month');
    expect(monthly.format(Date.UTC(2025, 3, 1))).toMatch(/avr\.? 2025/);
    expect(timeAxis(['2025-01', '2025-06'], 'en').format(Date.UTC(2025, 3, 1))).toMatch(/Apr 2025/);
  });

  it('centres a single period and survives no data', () => {
    const one = timeAxis(['2021'], 'en');
    expect(one.fraction(periodTime('2021'))).toBeCloseTo(0.5, 1);
    expect(timeAxis([], 'en').ticks).toEqual([]);
  });
});
