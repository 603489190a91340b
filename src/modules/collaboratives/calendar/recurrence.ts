import * as rruleNs from 'rrule';
import { TZDate } from '@date-fns/tz';
import { Errors } from '../../../core/http/errors';

// rrule ships a UMD bundle for Node and ESM for Vite: take RRule from whichever shape loaded.
const RRule = (rruleNs as unknown as { RRule?: typeof rruleNs.RRule }).RRule ?? (rruleNs as unknown as { default: typeof rruleNs }).default.RRule;

/** Meetings happen in Ontario: recurrence rules are read on the clock of this zone. */
export const MEETING_TIME_ZONE = 'America/Toronto';

/** At most this many meetings are created from one recurrence rule. */
export const MAX_OCCURRENCES = 52;

/**
 * The wall-clock time of an instant in Toronto, as a "floating" Date whose UTC fields hold it.
 * rrule computes in UTC; handing it floating times makes BYDAY, BYHOUR and the like mean
 * Toronto's days and hours, so a series keeps its local time and weekday across daylight saving.
 */
function toFloating(instant: Date): Date {
  const t = new TZDate(instant.getTime(), MEETING_TIME_ZONE);
  return new Date(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes(), t.getSeconds()));
}

/** The instant at which Toronto's clock shows the floating date's fields. */
function fromFloating(f: Date): Date {
  const t = new TZDate(f.getUTCFullYear(), f.getUTCMonth(), f.getUTCDate(), f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds(), MEETING_TIME_ZONE);
  return new Date(t.getTime());
}

/**
 * Occurrence start times of an RFC 5545 recurrence rule from the first start, on Toronto's
 * clock; 400 naming `recurrence` when the rule does not parse or gives no date. A rule with
 * neither COUNT nor UNTIL gives 12 meetings; no rule gives more than MAX_OCCURRENCES.
 */
export function occurrences(rule: string, first: Date): Date[] {
  let parsed;
  try {
    const opts = RRule.parseString(rule.replace(/^RRULE:/i, ''));
    if (opts.freq === undefined) throw new Error('no FREQ');
    parsed = new RRule({
      ...opts,
      dtstart: toFloating(first),
      until: opts.until ? toFloating(opts.until) : opts.until,
      count: opts.until ? opts.count : Math.min(opts.count ?? 12, MAX_OCCURRENCES),
    });
  } catch {
    throw Errors.validation([{ field: 'recurrence', message: 'Not a valid recurrence rule (for example FREQ=MONTHLY;BYDAY=2WE;COUNT=6)' }]);
  }
  const dates = parsed.all((_, i) => i < MAX_OCCURRENCES).map(fromFloating);
  if (dates.length === 0) throw Errors.validation([{ field: 'recurrence', message: 'The rule gives no meeting dates' }]);
  return dates;
}

/**
 * The rule as it was applied: the given rule with COUNT set to the number of meetings it
 * created (and UNTIL dropped), so a calendar shows exactly the meetings Roundtable holds.
 */
export function appliedRule(rule: string, count: number): string {
  const parts = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((p) => p && !/^(COUNT|UNTIL)=/i.test(p));
  return [...parts, `COUNT=${count}`].join(';');
}
