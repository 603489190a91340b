import { describe, expect, it } from 'vitest';
import { protectFeed, type FeedCell } from './intake.suppression';

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
});
