import { describe, expect, it } from 'vitest';
import { formatDays, formatHours, formatTime, hoursParts, weekdays } from './hours';

const weekdaysOpen = { byday: 'MO,TU,WE,TH,FR', opensAt: '09:00:00', closesAt: '16:30:00', description: null };
// Intl puts thin or no-break spaces in some places; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

describe('opening hours in words (rrule + Intl)', () => {
  it('reads BYDAY as an RRULE part, in week order, and refuses what is not one', () => {
    expect(weekdays('FR,MO,WE')).toEqual([0, 2, 4]);
    expect(weekdays('mo, tu')).toEqual([0, 1]);
    expect(weekdays('XX')).toBeNull();
  });
  it('says a run of days as a range and the opening times as a time range, in English and French', () => {
    expect(plain(formatHours(weekdaysOpen, 'en'))).toBe('Monday–Friday, 9:00 a.m.–4:30 p.m.');
    expect(plain(formatHours(weekdaysOpen, 'fr'))).toBe('Lundi – vendredi, 9 h 00 – 16 h 30');
  });
  it('lists separate days with the language’s own conjunction', () => {
    expect(formatDays('MO,WE,FR', 'en')).toBe('Monday, Wednesday and Friday');
    expect(formatDays('SA,SU', 'en')).toBe('Saturday and Sunday');
    expect(formatDays('TU,TH', 'fr')).toBe('mardi et jeudi');
    expect(plain(formatDays('MO,TU,WE,SA', 'fr'))).toBe('lundi – mercredi et samedi');
  });
  it('formats a single time in each language', () => {
    expect(plain(formatTime('13:05:00', 'en'))).toBe('1:05 p.m.');
    expect(plain(formatTime('13:05:00', 'fr'))).toBe('13 h 05');
  });
  it('falls back to the description when there are no days or times, or the days are not a BYDAY list', () => {
    expect(formatHours({ byday: null, opensAt: null, closesAt: null, description: 'By appointment' }, 'en')).toBe('By appointment');
    expect(formatHours({ byday: 'someday', opensAt: null, closesAt: null, description: 'Call first' }, 'fr')).toBe('Call first');
  });
});

describe('opening hours as parts for a translated sentence', () => {
  it('gives the days (capitalised) and the time range apart, empty when missing', () => {
    const p = hoursParts({ byday: 'MO,WE,FR', opensAt: '09:00:00', closesAt: '12:00:00', description: null }, 'fr');
    expect(p.days).toBe('Lundi, mercredi et vendredi');
    expect(plain(p.time)).toBe('9 h 00 – 12 h 00');
    expect(hoursParts({ byday: null, opensAt: null, closesAt: null, description: 'By appointment' }, 'en')).toEqual({ days: '', time: '' });
  });
});
