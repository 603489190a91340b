import { describe, expect, it } from 'vitest';
import { protectFeed, protectFeedByMonth, type FeedCell, type MonthDecision } from './intake.suppression';

const T = 5;
const cell = (measure: string, place: string, category: string, outcome: string | null, count: number, month = '2026-05'): FeedCell => ({ measure, month, place, category, outcome, count });

describe('feed suppression (through the disclosure-control engine)', () => {
  it('suppresses counts from 1 to 4 and publishes 5+', () => {
    const { reasons } = protectFeed([cell('needs_identified', 'A', 'housing', null, 4), cell('needs_identified', 'B', 'housing', null, 5), cell('needs_identified', 'C', 'housing', null, 30), cell('needs_identified', 'C', 'food', null, 12)], T);
    expect(reasons[0]).toBe('primary');
    expect(reasons[2]).toBe(null);
  });

  it('one small cell in a municipality: a complement, so its published total cannot give it back', () => {
    const cells = [cell('needs_identified', 'A', 'housing', null, 3), cell('needs_identified', 'A', 'food', null, 40), cell('needs_identified', 'A', 'income', null, 20)];
    const { reasons, totals } = protectFeed(cells, T);
    expect(reasons).toEqual(['primary', null, 'complementary']);
    expect(totals.find((t) => t.across === 'categories' && t.place === 'A')).toMatchObject({ count: 63, reason: null });
  });

  it('two 4s and nothing else in a municipality: the municipality total is hidden too (the old known limit)', () => {
    const cells = [cell('needs_identified', 'A', 'housing', null, 4), cell('needs_identified', 'A', 'food', null, 4), cell('needs_identified', 'B', 'housing', null, 30), cell('needs_identified', 'B', 'food', null, 25)];
    const { reasons, totals } = protectFeed(cells, T);
    expect(reasons.slice(0, 2)).toEqual(['primary', 'primary']);
    expect(totals.find((t) => t.across === 'categories' && t.place === 'A')!.reason).not.toBe(null);
  });

  it('a referral waitlisted is also an unmet need: hidden in one measure means hidden in the other', () => {
    const cells = [
      cell('referrals', 'A', 'housing', 'waitlisted', 3), cell('referrals', 'A', 'housing', 'completed', 20), cell('referrals', 'A', 'housing', 'rejected', 9),
      cell('unmet_needs', 'A', 'housing', 'waitlisted', 3), cell('unmet_needs', 'A', 'housing', 'rejected', 9),
      cell('referral_paths', 'A', 'settlement→housing', null, 32),
    ];
    const { reasons } = protectFeed(cells, T);
    expect(reasons[0]).toBe('primary');
    expect(reasons[3]).toBe('primary');
    // unmet total = 12, so the 9 must go in both measures or neither.
    expect(reasons[2] === null).toBe(reasons[4] === null);
  });

  describe('month by month, keeping each month\'s decision', () => {
    const feed = (n: number): FeedCell[] => [
      cell('needs_identified', 'A', 'housing', null, 3, '2026-04'), cell('needs_identified', 'A', 'food', null, 40, '2026-04'), cell('needs_identified', 'A', 'income', null, 20, '2026-04'),
      cell('needs_identified', 'B', 'housing', null, 12, '2026-04'),
      cell('needs_identified', 'A', 'housing', null, n, '2026-05'), cell('needs_identified', 'A', 'food', null, 9, '2026-05'), cell('needs_identified', 'B', 'food', null, 7, '2026-05'),
      cell('referrals', 'A', 'housing', 'waitlisted', 3, '2026-05'), cell('referrals', 'A', 'housing', 'completed', 20, '2026-05'),
      cell('unmet_needs', 'A', 'housing', 'waitlisted', 3, '2026-05'), cell('referral_paths', 'A', 'settlement→housing', null, 23, '2026-05'),
    ];
    const byKey = (totals: { measure: string; month: string; across: string; place: string | null; category: string | null; outcome: string | null; reason: unknown }[]) =>
      new Map(totals.map((t) => [JSON.stringify([t.measure, t.month, t.across, t.place, t.category, t.outcome]), t.reason]));

    it('decides the same as the whole feed as one table set (no relation crosses months)', () => {
      const whole = protectFeed(feed(2), T);
      const monthly = protectFeedByMonth(feed(2), T, new Map());
      expect(monthly.reasons).toEqual(whole.reasons);
      expect(byKey(monthly.totals)).toEqual(byKey(whole.totals));
      expect(monthly.decided.map((d) => d.month)).toEqual(['2026-04', '2026-05']);
      expect(monthly.reasons.filter((r) => r === 'primary').length).toBeGreaterThan(0);
    });

    it('decides again only the months whose cells changed', () => {
      const first = protectFeedByMonth(feed(2), T, new Map());
      const known = new Map<string, MonthDecision>(first.decided.map((d) => [d.fingerprint, d]));
      const same = protectFeedByMonth(feed(2), T, known);
      expect(same).toMatchObject({ decided: [], reused: 2 });
      expect(same.reasons).toEqual(first.reasons);
      expect(byKey(same.totals)).toEqual(byKey(first.totals));
      // May changes (the 2 becomes 30): April's decision is reused, May's is decided again.
      const next = protectFeedByMonth(feed(30), T, known);
      expect(next.reused).toBe(1);
      expect(next.decided.map((d) => d.month)).toEqual(['2026-05']);
      const whole = protectFeed(feed(30), T);
      expect(next.reasons).toEqual(whole.reasons);
      expect(byKey(next.totals)).toEqual(byKey(whole.totals));
    });

    it('a kept decision is used only for the very cells it was made for', () => {
      const first = protectFeedByMonth(feed(2), T, new Map());
      // A forged decision under the wrong month is not used.
      const forged = new Map<string, MonthDecision>(first.decided.map((d) => [d.fingerprint, { ...d, month: '1999-01', cellReasons: d.cellReasons.map(() => null) }]));
      const again = protectFeedByMonth(feed(2), T, forged);
      expect(again.reused).toBe(0);
      expect(again.reasons).toEqual(first.reasons);
    });
  });
});
