import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { MEETING_TIME_ZONE, appliedRule, occurrences } from './recurrence';

/** What the calendar needs of a meeting. */
export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  seriesId: string | null;
  recurrence: string | null;
  sequence: number;
  originalStartsAt: Date | null;
  /** Agenda lines for the description, when known. */
  agenda?: string[];
}

export interface CalendarContext {
  collaborativeName: string;
  /** The meeting's page in Roundtable. */
  meetingUrl: (meetingId: string) => string;
}

function newCalendar(name: string): ICalCalendar {
  return ical({ name, prodId: { company: 'Roundtable', product: 'collaboratives', language: 'EN' } });
}

/**
 * The calendar text with Toronto's VTIMEZONE before the first event. Events carry
 * TZID=America/Toronto themselves; the zone is not set on the calendar because the library
 * would then also write DTSTAMP on local time, where RFC 5545 requires UTC.
 */
function withTimeZone(cal: ICalCalendar): string {
  const text = cal.toString();
  const block = tzlib_get_ical_block(MEETING_TIME_ZONE)[0].replace(/\r?\n/g, '\r\n');
  const at = text.indexOf('BEGIN:VEVENT');
  return at < 0 ? text : `${text.slice(0, at)}${block}\r\n${text.slice(at)}`;
}

/** A date ical-generator writes on Toronto's clock (it calls `withTimeZone`, which TZDate has). */
const local = (instant: Date) => new TZDate(instant.getTime(), MEETING_TIME_ZONE);

/** `20270113T180000`: the local time in Toronto, as EXDATE;TZID= wants it. */
function localStamp(instant: Date): string {
  const t = local(instant);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}${p(t.getMonth() + 1)}${p(t.getDate())}T${p(t.getHours())}${p(t.getMinutes())}${p(t.getSeconds())}`;
}

function addSingle(cal: ICalCalendar, m: CalendarMeeting, ctx: CalendarContext) {
  cal.createEvent({
    id: `${m.id}@roundtable`,
    start: local(m.startsAt),
    end: local(m.endsAt),
    timezone: MEETING_TIME_ZONE,
    sequence: m.sequence,
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    summary: `${ctx.collaborativeName}: ${m.title}`,
    location: m.location ?? undefined,
    description: m.agenda?.length ? 'Agenda:\n' + m.agenda.join('\n') : undefined,
    url: ctx.meetingUrl(m.id),
  });
}

/**
 * A series as one VEVENT with its RRULE (COUNT as applied) and EXDATE for every occurrence
 * that was cancelled, moved or changed. A changed or moved occurrence appears as an event of
 * its own, with its own SEQUENCE; a cancelled one simply leaves the series. The series'
 * SEQUENCE is the sum of its occurrences' sequences, so it grows whenever any of them changes.
 */
function addSeries(cal: ICalCalendar, rows: CalendarMeeting[], ctx: CalendarContext) {
  const sorted = [...rows].sort((a, b) => (a.originalStartsAt ?? a.startsAt).getTime() - (b.originalStartsAt ?? b.startsAt).getTime());
  const first = sorted[0];
  const rule = first.recurrence!;
  const originals = occurrences(rule, first.originalStartsAt ?? first.startsAt);
  const byOriginal = new Map(sorted.map((r) => [(r.originalStartsAt ?? r.startsAt).getTime(), r]));
  const template = sorted.find((r) => r.sequence === 0) ?? first;
  const duration = template.endsAt.getTime() - template.startsAt.getTime();
  const excluded: Date[] = [];
  for (const o of originals) {
    const r = byOriginal.get(o.getTime());
    if (!r || r.sequence > 0) excluded.push(o);
  }
  const exdate = excluded.length ? `\nEXDATE;TZID=${MEETING_TIME_ZONE}:${excluded.map(localStamp).join(',')}` : '';
  cal.createEvent({
    id: `series-${first.seriesId}@roundtable`,
    start: local(originals[0]),
    end: local(new Date(originals[0].getTime() + duration)),
    timezone: MEETING_TIME_ZONE,
    sequence: sorted.reduce((n, r) => n + r.sequence, 0),
    status: ICalEventStatus.CONFIRMED,
    summary: `${ctx.collaborativeName}: ${template.title}`,
    location: template.location ?? undefined,
    repeating: `RRULE:${appliedRule(rule, originals.length)}${exdate}`,
    url: ctx.meetingUrl(template.id),
  });
  for (const r of sorted) if (r.sequence > 0 && r.status !== 'cancelled') addSingle(cal, r, ctx);
}

/** One meeting as an iCalendar file (RFC 5545), with its time zone. */
export function meetingCalendar(m: CalendarMeeting, ctx: CalendarContext): string {
  const cal = newCalendar(ctx.collaborativeName);
  addSingle(cal, m, ctx);
  return withTimeZone(cal);
}

/** A collaborative's meetings as a subscribable calendar: series as recurring events. */
export function collaborativeCalendar(meetings: CalendarMeeting[], ctx: CalendarContext): string {
  const cal = newCalendar(ctx.collaborativeName);
  const series = new Map<string, CalendarMeeting[]>();
  for (const m of meetings) {
    if (m.seriesId && m.recurrence) series.set(m.seriesId, [...(series.get(m.seriesId) ?? []), m]);
    else addSingle(cal, m, ctx);
  }
  for (const rows of series.values()) addSeries(cal, rows, ctx);
  return withTimeZone(cal);
}
