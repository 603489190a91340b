import { describe, expect, it } from 'vitest';
import { formatDays, formatHours } from './hours';

describe('opening hours in words', () => {
  it('joins consecutive days into a range', () => {
    expect(formatHours({ byday: 'MO,TU,WE,TH,FR', opensAt: '09:00:00', closesAt: '16:30:00', description: null }, 'en')).toBe('Monday to Friday 9:00–16:30');
    expect(formatHours({ byday: 'MO,TU,WE,TH,FR', opensAt: '09:00:00', closesAt: '16:30:00', description: null }, 'fr')).toBe('Du lundi au vendredi 9 h 00–16 h 30');
  });
  it('lists separate days', () => {
    expect(formatDays('MO,WE,FR', 'en')).toBe('Monday, Wednesday, Friday');
    expect(formatDays('SA,SU', 'en')).toBe('Saturday and Sunday');
    expect(formatDays('TU,TH', 'fr')).toBe('mardi, jeudi');
  });
  it('falls back to the description when there are no days or times', () => {
    expect(formatHours({ byday: null, opensAt: null, closesAt: null, description: 'By appointment' }, 'en')).toBe('By appointment');
  });
});
