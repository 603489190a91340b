import { describe, expect, it } from 'vitest';
import { computeFlow, discloseFlow, matchStep, median, type ReferralEvent } from './pathways.flow';
import { StepSchema, type Step } from './pathways.schema';

const S1 = '00000000-0000-4000-8000-000000000001', S2 = '00000000-0000-4000-8000-000000000002', O3 = '00000000-0000-4000-8000-000000000003';
const steps: Step[] = [
  StepSchema.parse({ key: 'a', kind: 'entry', title: 'A', serviceIds: [S1], next: [{ to: 'b' }] }),
  StepSchema.parse({ key: 'b', kind: 'service', title: 'B', organizationIds: [O3], targetDays: 10, next: [{ to: 'c' }] }),
  StepSchema.parse({ key: 'c', kind: 'exit', title: 'C', domain: 'employment', serviceIds: [S2], targetDays: 20 }),
];
const ref = (person: string, day: number, r: Partial<ReferralEvent>): ReferralEvent => ({ person, serviceId: null, toOrganizationId: null, needCode: null, outcome: null, sentAt: new Date(Date.UTC(2026, 0, 1 + day)), ...r });

describe('matching referrals to steps', () => {
  it('prefers the same service, then the organization, then the need domain', () => {
    expect(matchStep(steps, { serviceId: S1, toOrganizationId: O3, needCode: 'employment' })).toBe(0);
    expect(matchStep(steps, { serviceId: null, toOrganizationId: O3, needCode: 'employment' })).toBe(1);
    expect(matchStep(steps, { serviceId: null, toOrganizationId: null, needCode: 'employment.job-search' })).toBe(2);
    expect(matchStep(steps, { serviceId: null, toOrganizationId: null, needCode: 'housing' })).toBe(-1);
  });
  it('among equal fits, takes the first step after the current one', () => {
    const twice = [StepSchema.parse({ key: 'x', kind: 'entry', title: 'X', domain: 'income' }), StepSchema.parse({ key: 'y', kind: 'follow_up', title: 'Y', domain: 'income' })];
    expect(matchStep(twice, { serviceId: null, toOrganizationId: null, needCode: 'income' }, -1)).toBe(0);
    expect(matchStep(twice, { serviceId: null, toOrganizationId: null, needCode: 'income' }, 0)).toBe(1);
    expect(matchStep(twice, { serviceId: null, toOrganizationId: null, needCode: 'income' }, 1)).toBe(0);
  });
});

describe('flow arithmetic (hand-computed)', () => {
  // p1: a(0) → b(4) → c(10); p2: a(0) → b(6); p3: a(0) → b(2) → a(5) (a loop); p4: b(0) only; p5: nothing matched.
  const events = [
    ref('p1', 0, { serviceId: S1 }), ref('p1', 4, { toOrganizationId: O3, outcome: 'service_received' }), ref('p1', 10, { serviceId: S2 }),
    ref('p2', 0, { serviceId: S1, outcome: 'declined' }), ref('p2', 6, { toOrganizationId: O3 }),
    ref('p3', 0, { serviceId: S1 }), ref('p3', 2, { toOrganizationId: O3 }), ref('p3', 5, { serviceId: S1 }),
    ref('p4', 0, { toOrganizationId: O3 }),
    ref('p5', 0, { needCode: 'housing' }),
  ];
  const raw = computeFlow(steps, events);
  it('counts people who entered, reached and ended at each step', () => {
    expect(raw.entered).toBe(4);
    expect(raw.referrals).toBe(10);
    expect(raw.steps).toEqual([
      { key: 'a', reached: 3, endedHere: 1, referrals: 4, closedLoops: 1 },
      { key: 'b', reached: 4, endedHere: 2, referrals: 4, closedLoops: 1 },
      { key: 'c', reached: 1, endedHere: 1, referrals: 1, closedLoops: 0 },
    ]);
    // entered = Σ ended
    expect(raw.steps.reduce((s, x) => s + x.endedHere, 0)).toBe(raw.entered);
  });
  it('finds links, loops and days between steps', () => {
    const link = (f: string, t: string) => raw.links.find((l) => l.from === f && l.to === t)!;
    expect(link('a', 'b')).toMatchObject({ people: 3, ideal: true, loop: false, days: [4, 6, 2], targetDays: 10 });
    expect(link('b', 'c')).toMatchObject({ people: 1, ideal: true, loop: false, days: [6], targetDays: 20 });
    expect(link('b', 'a')).toMatchObject({ people: 1, ideal: false, loop: true, days: [3] });
    expect(raw.loops).toBe(1);
    expect(median([4, 6, 2])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('hides every count under 5, and medians over fewer than 5 people', () => {
    const flow = discloseFlow(steps, raw, { from: '2026-01-01', to: '2026-12-31' });
    expect(flow.entered.display).toBe('<5');
    expect(flow.steps.every((s) => s.reached.value === null || s.reached.value === 0 || s.reached.value >= 5)).toBe(true);
    expect(flow.links.find((l) => l.from === 'a')!.medianDays).toBeNull();
  });
  it('shows counts of 5 or more and their medians', () => {
    const many: ReferralEvent[] = [];
    for (let i = 0; i < 6; i++) many.push(ref(`q${i}`, 0, { serviceId: S1 }), ref(`q${i}`, i + 1, { toOrganizationId: O3 }));
    const flow = discloseFlow(steps, computeFlow(steps, many), { from: '2026-01-01', to: '2026-12-31' });
    expect(flow.entered).toEqual({ value: 6, display: '6' });
    const ab = flow.links.find((l) => l.from === 'a' && l.to === 'b')!;
    expect(ab.people).toEqual({ value: 6, display: '6' });
    expect(ab.medianDays).toBe(3.5); // days 1..6
    expect(flow.steps[1]!.endedHere).toEqual({ value: 6, display: '6' });
  });
});
