import { describe, expect, it } from 'vitest';
import { refreshDue } from './mapping.feed';
import { mappingCli } from './mapping.cli';

const H = 3600_000;

describe('front-line feed schedule', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it('refreshes when never run, and once the interval has passed', () => {
    expect(refreshDue({ feedRefreshHours: 24, feedRefreshedAt: null }, now)).toBe(true);
    expect(refreshDue({ feedRefreshHours: 24, feedRefreshedAt: new Date(now - 23 * H) }, now)).toBe(false);
    expect(refreshDue({ feedRefreshHours: 24, feedRefreshedAt: new Date(now - 24 * H) }, now)).toBe(true);
    expect(refreshDue({ feedRefreshHours: 6, feedRefreshedAt: new Date(now - 7 * H).toISOString() }, now)).toBe(true);
  });
  it('never refreshes on its own when the interval is 0', () => {
    expect(refreshDue({ feedRefreshHours: 0, feedRefreshedAt: null }, now)).toBe(false);
  });
  it('refuses a bad interval on the command line with one readable line', async () => {
    const run = mappingCli.commands['mapping.feed-schedule'].run as unknown as (ctx: never, args: { hours: string }) => Promise<string>;
    await expect(run({} as never, { hours: 'daily' })).rejects.toThrow('hours: use a whole number from 0 (off) to 720');
    await expect(run({} as never, { hours: '1000' })).rejects.toThrow(/^hours:/);
  });
});
