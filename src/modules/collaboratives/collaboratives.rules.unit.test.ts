import { describe, expect, it } from 'vitest';
import { addDaysToDate, agendaSeeksNoDecision, amountByYear, isOverdue, quorumRequired, quorumStatus, representationGaps, torontoToday, voteOutcome } from './collaboratives.rules';

describe('quorum', () => {
  it.each([
    [{ kind: 'majority', value: 0 }, 10, 6],
    [{ kind: 'majority', value: 0 }, 9, 5],
    [{ kind: 'majority', value: 0 }, 1, 1],
    [{ kind: 'percent', value: 40 }, 10, 4],
    [{ kind: 'percent', value: 40 }, 11, 5],
    [{ kind: 'percent', value: 0 }, 11, 1],
    [{ kind: 'count', value: 7 }, 20, 7],
    [{ kind: 'count', value: 7 }, 5, 5],
    [{ kind: 'majority', value: 0 }, 0, 0],
  ] as const)('%o of %i voting members needs %i present', (rule, voting, needed) => {
    expect(quorumRequired(rule, voting)).toBe(needed);
  });
  it('is met at the threshold and not one below', () => {
    expect(quorumStatus({ kind: 'majority', value: 0 }, 10, 6).met).toBe(true);
    expect(quorumStatus({ kind: 'majority', value: 0 }, 10, 5).met).toBe(false);
  });
  it('is never met without voting members', () => {
    expect(quorumStatus({ kind: 'count', value: 0 }, 0, 0).met).toBe(false);
  });
});

describe('vote outcome', () => {
  it.each([
    ['simple_majority', 5, 4, 0, 'carried'],
    ['simple_majority', 4, 4, 3, 'defeated'],
    ['simple_majority', 1, 0, 9, 'carried'],
    ['simple_majority', 0, 0, 5, 'defeated'],
    ['two_thirds', 6, 3, 0, 'carried'],
    ['two_thirds', 5, 3, 0, 'defeated'],
    ['two_thirds', 2, 1, 4, 'carried'],
    ['unanimous', 8, 0, 2, 'carried'],
    ['unanimous', 8, 1, 0, 'defeated'],
  ] as const)('%s with %i for, %i against, %i abstaining is %s', (rule, f, a, ab, result) => {
    expect(voteOutcome(rule, { for: f, against: a, abstain: ab })).toBe(result);
  });
});

describe('overdue action items', () => {
  it('is overdue only when open and due before today', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'open', dueOn: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2026-03-01' }, '2026-03-02')).toBe(false);
  });
  it('uses the Ontario date, not UTC', () => {
    // 02:00 UTC on 3 March is still 2 March in Toronto (EST, UTC-5)
    expect(torontoToday(new Date('2026-03-03T02:00:00Z'))).toBe('2026-03-02');
  });
});

describe('funding by year', () => {
  it('spreads an amount over the days of each calendar year, keeping the total', () => {
    const parts = amountByYear(300000, '2025-04-01', '2028-03-31');
    expect(parts.map((p) => p.year)).toEqual([2025, 2026, 2027, 2028]);
    expect(parts.reduce((s, p) => s + p.amount, 0)).toBeCloseTo(300000, 2);
    expect(parts[1].amount).toBeCloseTo((300000 * 365) / 1096, 0);
  });
  it('keeps a one-year term whole', () => {
    expect(amountByYear(1234.56, '2026-01-01', '2026-12-31')).toEqual([{ year: 2026, amount: 1234.56 }]);
  });
});

describe('representation and agendas', () => {
  it('lists checklist entries nobody covers', () => {
    expect(representationGaps(['health', 'education', 'business'], ['education', 'settlement'])).toEqual(['health', 'business']);
  });
  it('warns when an agenda seeks no decision', () => {
    expect(agendaSeeksNoDecision([{ kind: 'information' }, { kind: 'discussion' }])).toBe(true);
    expect(agendaSeeksNoDecision([{ kind: 'information' }, { kind: 'decision' }])).toBe(false);
  });
});

describe('addDaysToDate', () => {
  it.each([
    ['2026-03-01', 30, '2026-03-31'], // across the spring DST change
    ['2026-10-31', 2, '2026-11-02'], // across the autumn one
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s + %i days is %s', (day, n, expected) => {
    expect(addDaysToDate(day, n)).toBe(expected);
  });
});
