/**
 * Ideal against observed: which step of a pathway each referral stands for, and the flow of
 * people through the steps (who entered, reached, ended where, looped; days between steps).
 * Pure: no database, no clock. Every count then goes through the platform's disclosure control
 * (`protectTable`) before anyone sees it.
 */
import { differenceInMinutes } from 'date-fns';
import { markerOf, protectTable, type DisclosureCell, type DisclosureRelation } from '../data/data.api';
import type { Flow, Step } from './pathways.schema';

/** One referral as the pathway reads it: a pseudonymous person key, never a client id. */
export interface ReferralEvent {
  person: string;
  serviceId: string | null;
  toOrganizationId: string | null;
  needCode: string | null;
  sentAt: Date | string;
  outcome: string | null;
}

type MatchStep = Pick<Step, 'key' | 'serviceIds' | 'organizationIds' | 'domain'>;

/** How well a referral fits a step: 3 the same service, 2 the same organization, 1 the same need domain, 0 none. */
export function matchScore(step: MatchStep, r: Pick<ReferralEvent, 'serviceId' | 'toOrganizationId' | 'needCode'>): number {
  if (r.serviceId && step.serviceIds.includes(r.serviceId)) return 3;
  if (r.toOrganizationId && step.organizationIds.includes(r.toOrganizationId)) return 2;
  if (step.domain && r.needCode && (r.needCode === step.domain || r.needCode.startsWith(`${step.domain}.`))) return 1;
  return 0;
}

/**
 * The step a referral stands for: the best fit; among equal fits, the first step after the
 * person's current one (people move forward), else the first in the pathway. -1: no step.
 */
export function matchStep(steps: MatchStep[], r: Pick<ReferralEvent, 'serviceId' | 'toOrganizationId' | 'needCode'>, after = -1): number {
  let best = 0;
  let candidates: number[] = [];
  steps.forEach((s, i) => {
    const score = matchScore(s, r);
    if (score > best) { best = score; candidates = [i]; } else if (score > 0 && score === best) candidates.push(i);
  });
  if (best === 0) return -1;
  return candidates.find((i) => i > after) ?? candidates[0]!;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Days between two instants, to one decimal (a referral step can take part of a day). */
const days = (a: Date | string, b: Date | string) => Math.round((differenceInMinutes(new Date(b), new Date(a)) / 1440) * 10) / 10;

export interface RawFlow {
  entered: number;
  steps: { key: string; reached: number; endedHere: number; referrals: number; closedLoops: number }[];
  links: { from: string; to: string; people: number; ideal: boolean; loop: boolean; days: number[]; targetDays: number | null }[];
  loops: number;
  referrals: number;
}

/**
 * The flow before disclosure control. Each person's matched referrals, in date order, are visits
 * to steps; two visits in a row make a link. A visit to a step the person already visited, or to
 * an earlier step of the pathway, is a loop. A person's last visit is where they ended (a drop-off
 * unless that step is an exit). A loop closed: the referral's outcome was reported back.
 */
export function computeFlow(steps: Step[], referrals: ReferralEvent[]): RawFlow {
  const byPerson = new Map<string, ReferralEvent[]>();
  for (const r of referrals) byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), r]);
  const stat = steps.map((s) => ({ key: s.key, reached: new Set<string>(), ended: 0, referrals: 0, closedLoops: 0 }));
  const ideal = new Set(steps.flatMap((s) => s.next.map((n) => `${s.key}>${n.to}`)));
  const links = new Map<string, { from: string; to: string; people: Set<string>; loop: boolean; days: number[] }>();
  const loopers = new Set<string>();
  let entered = 0;
  for (const [person, events] of byPerson) {
    const sorted = [...events].sort((a, b) => new Date(a.sentAt).getTime() - new Date(b.sentAt).getTime());
    const visits: { index: number; at: Date | string }[] = [];
    let current = -1;
    for (const r of sorted) {
      const i = matchStep(steps, r, current);
      if (i < 0) continue;
      stat[i]!.referrals++;
      if (r.outcome) stat[i]!.closedLoops++;
      visits.push({ index: i, at: r.sentAt });
      current = i;
    }
    if (visits.length === 0) continue;
    entered++;
    const seen = new Set<number>();
    visits.forEach((v, n) => {
      stat[v.index]!.reached.add(person);
      if (n > 0) {
        const prev = visits[n - 1]!;
        const loop = seen.has(v.index) || v.index <= prev.index;
        if (loop) loopers.add(person);
        const id = `${steps[prev.index]!.key}>${steps[v.index]!.key}`;
        const link = links.get(id) ?? { from: steps[prev.index]!.key, to: steps[v.index]!.key, people: new Set<string>(), loop, days: [] };
        if (!link.people.has(person)) link.days.push(days(prev.at, v.at));
        link.people.add(person);
        links.set(id, link);
      }
      seen.add(v.index);
    });
    stat[visits[visits.length - 1]!.index]!.ended++;
  }
  const target = new Map(steps.map((s) => [s.key, s.targetDays]));
  return {
    entered,
    referrals: referrals.length,
    loops: loopers.size,
    steps: stat.map((s) => ({ key: s.key, reached: s.reached.size, endedHere: s.ended, referrals: s.referrals, closedLoops: s.closedLoops })),
    links: [...links.entries()].map(([id, l]) => ({ from: l.from, to: l.to, people: l.people.size, ideal: ideal.has(id), loop: l.loop, days: l.days, targetDays: target.get(l.to) ?? null })),
  };
}

export const FLOW_METHOD = 'Referrals sent in the period are matched to the steps: the same directory service first, then the same receiving organization, then the same need domain; among equal fits, the next step after the person\'s current one. Each person\'s matched referrals in date order are their path. Counts of people and referrals go through the platform\'s disclosure control: counts from 1 to 4 show as "<5", and others as "x" where a hidden count could be worked out from the rest. Medians of days are shown only over 5 people or more.';

/** The flow as shown: every count through `protectTable`, medians only over enough people. */
export function discloseFlow(steps: Step[], raw: RawFlow, period: { from: string; to: string }, threshold = 5): Flow {
  const cells: DisclosureCell[] = [{ id: 'entered', value: raw.entered, count: true }, { id: 'loops', value: raw.loops, count: true }];
  const relations: DisclosureRelation[] = [];
  for (const s of raw.steps) {
    cells.push({ id: `reached:${s.key}`, value: s.reached, count: true }, { id: `ended:${s.key}`, value: s.endedHere, count: true },
      { id: `refs:${s.key}`, value: s.referrals, count: true }, { id: `closed:${s.key}`, value: s.closedLoops, count: true });
  }
  // Every person who entered ended at exactly one step: a reader knows entered = Σ ended.
  if (raw.steps.length > 0) relations.push({ total: 'entered', parts: raw.steps.map((s) => `ended:${s.key}`) });
  for (const l of raw.links) cells.push({ id: `link:${l.from}>${l.to}`, value: l.people, count: true });
  const { hidden } = protectTable({ threshold, cells, relations });
  const show = (id: string, value: number) => {
    const reason = hidden.get(id);
    return reason ? { value: null, display: markerOf(reason, threshold) } : { value, display: String(value) };
  };
  const title = new Map(steps.map((s) => [s.key, s.title]));
  return {
    from: period.from,
    to: period.to,
    threshold,
    entered: show('entered', raw.entered),
    referrals: raw.referrals,
    loops: show('loops', raw.loops),
    steps: raw.steps.map((s) => ({
      key: s.key, title: title.get(s.key) ?? s.key,
      reached: show(`reached:${s.key}`, s.reached), endedHere: show(`ended:${s.key}`, s.endedHere),
      referrals: show(`refs:${s.key}`, s.referrals), closedLoops: show(`closed:${s.key}`, s.closedLoops),
    })),
    links: raw.links.map((l) => ({
      from: l.from, to: l.to, people: show(`link:${l.from}>${l.to}`, l.people), ideal: l.ideal, loop: l.loop,
      medianDays: l.days.length >= threshold ? median(l.days) : null, targetDays: l.targetDays,
    })),
    method: FLOW_METHOD,
  };
}
