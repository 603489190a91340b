/**
 * Opening hours in words, by the platform's own libraries: the HSDS schedule's BYDAY is an RRULE
 * part, read with rrule; weekday names, day ranges, lists and time ranges come from Intl in the
 * reader's language ("Monday–Friday, 9:00 a.m.–4:30 p.m." / "Lundi – vendredi, 9 h 00 – 16 h 30").
 */
import { RRule } from 'rrule';

const locale = (lng: string) => (lng === 'fr' ? 'fr-CA' : 'en-CA');
/** A day of the week as a date: 2024-01-01 was a Monday, and rrule counts Monday as 0. */
const weekday = (i: number) => new Date(Date.UTC(2024, 0, 1 + i, 12));

/** The weekdays of a BYDAY list (MO=0 … SU=6), in week order; null when it is not one. */
export function weekdays(byday: string): number[] | null {
  try {
    const days = RRule.fromString(`FREQ=WEEKLY;BYDAY=${byday.replace(/\s+/g, '').toUpperCase()}`).options.byweekday ?? [];
    return [...new Set(days)].sort((a, b) => a - b);
  } catch {
    return null;
  }
}

/** Consecutive days grouped: [0,1,2,4] → [[0,1,2],[4]]. */
function runs(days: number[]): number[][] {
  const out: number[][] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else out.push([d]);
  }
  return out;
}

export function formatDays(byday: string | null, lng: string): string {
  const days = byday ? weekdays(byday) : null;
  if (!days?.length) return '';
  const names = new Intl.DateTimeFormat(locale(lng), { weekday: 'long', timeZone: 'UTC' });
  // Three or more days in a row read as a range; two in a row are just listed.
  const items = runs(days).flatMap((r) => (r.length >= 3 ? [names.formatRange(weekday(r[0]), weekday(r[r.length - 1]))] : r.map((d) => names.format(weekday(d)))));
  return new Intl.ListFormat(locale(lng), { type: 'conjunction', style: 'long' }).format(items);
}

const at = (hhmmss: string) => {
  const [h, m] = hhmmss.split(':').map(Number);
  return new Date(Date.UTC(2024, 0, 1, h, m || 0));
};
const clock = (lng: string) => new Intl.DateTimeFormat(locale(lng), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

export function formatTime(hhmmss: string | null, lng: string): string {
  return hhmmss ? clock(lng).format(at(hhmmss)) : '';
}

type Hours = { byday: string | null; opensAt: string | null; closesAt: string | null; description: string | null };

/**
 * The days and the time range of one schedule, each by Intl in the reader's language (the days
 * capitalised, as they start the line); empty strings when the schedule has none. The page puts
 * them in a sentence of the UI's translations (`finder.hoursLine`), so the line goes through
 * i18n as a whole and the pseudo-language walk sees it as translated.
 */
export function hoursParts(h: Hours, lng: string): { days: string; time: string } {
  const d = formatDays(h.byday, lng);
  const days = d ? d.charAt(0).toLocaleUpperCase(locale(lng)) + d.slice(1) : '';
  const time = h.opensAt && h.closesAt ? clock(lng).formatRange(at(h.opensAt), at(h.closesAt)) : '';
  return { days, time };
}

export function formatHours(h: Hours, lng: string): string {
  const { days, time } = hoursParts(h, lng);
  const text = [days, time].filter(Boolean).join(', ');
  if (!text) return h.description ?? '';
  return text.charAt(0).toLocaleUpperCase(locale(lng)) + text.slice(1);
}
