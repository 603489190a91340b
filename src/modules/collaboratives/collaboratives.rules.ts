/**
 * The governance rules of a collaborative, as pure functions: quorum, vote outcome, overdue
 * action items, funding spread over years, representation gaps. No database here, so each
 * rule is tested by a table of cases.
 */
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import type { QuorumKind, VoteRule } from './collaboratives.tables';

export interface QuorumRule {
  kind: QuorumKind;
  /** percent for 'percent', a head count for 'count'; ignored for 'majority'. */
  value: number;
}

/** Voting members who must be present for the meeting to decide anything. */
export function quorumRequired(rule: QuorumRule, votingMembers: number): number {
  if (votingMembers <= 0) return 0;
  switch (rule.kind) {
    case 'majority':
      return Math.floor(votingMembers / 2) + 1;
    case 'percent':
      return Math.max(1, Math.ceil((votingMembers * rule.value) / 100));
    case 'count':
      return Math.min(rule.value, votingMembers);
  }
}

export interface QuorumStatus {
  votingMembers: number;
  votingPresent: number;
  required: number;
  met: boolean;
}

export function quorumStatus(rule: QuorumRule, votingMembers: number, votingPresent: number): QuorumStatus {
  const required = quorumRequired(rule, votingMembers);
  return { votingMembers, votingPresent, required, met: votingMembers > 0 && votingPresent >= required };
}

/**
 * Whether a motion carries. Abstentions do not count as votes cast: a simple majority needs
 * more for than against; two thirds needs for ≥ 2/3 of for + against; unanimous needs no
 * vote against and at least one for.
 */
export function voteOutcome(rule: VoteRule, tally: { for: number; against: number; abstain: number }): 'carried' | 'defeated' {
  const cast = tally.for + tally.against;
  if (cast === 0) return 'defeated';
  switch (rule) {
    case 'simple_majority':
      return tally.for > tally.against ? 'carried' : 'defeated';
    case 'two_thirds':
      return tally.for * 3 >= cast * 2 ? 'carried' : 'defeated';
    case 'unanimous':
      return tally.against === 0 && tally.for > 0 ? 'carried' : 'defeated';
  }
}

/** Today's date in Ontario (America/Toronto) as YYYY-MM-DD: due dates are local dates. */
export function torontoToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** An action item is overdue when still open and its due date has passed (due today is not overdue). */
export function isOverdue(item: { status: string; dueOn: string }, today: string): boolean {
  return item.status === 'open' && item.dueOn < today;
}

/** Days from a to b, both YYYY-MM-DD, counting both ends. */
function daysInclusive(a: string, b: string): number {
  return differenceInCalendarDays(parseISO(b), parseISO(a)) + 1;
}

/** The calendar day `n` days after `day` (before it when n < 0), both YYYY-MM-DD. */
export function addDaysToDate(day: string, n: number): string {
  return format(addDays(parseISO(day), n), 'yyyy-MM-dd');
}

/**
 * A funding amount spread over the calendar years of its term, in proportion to the days of
 * each year the term covers, rounded to cents with the remainder on the last year.
 */
export function amountByYear(amount: number, startsOn: string, endsOn: string): { year: number; amount: number }[] {
  const total = daysInclusive(startsOn, endsOn);
  const first = Number(startsOn.slice(0, 4));
  const last = Number(endsOn.slice(0, 4));
  const out: { year: number; amount: number }[] = [];
  let assigned = 0;
  for (let y = first; y <= last; y++) {
    const from = y === first ? startsOn : `${y}-01-01`;
    const to = y === last ? endsOn : `${y}-12-31`;
    const share = y === last ? Math.round((amount - assigned) * 100) / 100 : Math.round(((amount * daysInclusive(from, to)) / total) * 100) / 100;
    assigned += share;
    out.push({ year: y, amount: share });
  }
  return out;
}

/** Checklist entries nobody at the table covers. */
export function representationGaps(checklist: string[], present: string[]): string[] {
  const have = new Set(present);
  return checklist.filter((c) => !have.has(c));
}

/** "Earn the next meeting": an agenda with items but no decision item seeks no decision. */
export function agendaSeeksNoDecision(items: { kind: string }[]): boolean {
  return !items.some((i) => i.kind === 'decision');
}
