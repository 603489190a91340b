/**
 * Opening hours in words: "MO,TU,WE,TH,FR" 09:00–16:30 → "Monday to Friday 9:00–16:30"
 * (or "du lundi au vendredi 9 h 00 – 16 h 30" in French).
 */
const ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function dayName(code: string, lng: string): string {
  // 2024-01-01 was a Monday.
  const i = ORDER.indexOf(code as (typeof ORDER)[number]);
  const date = new Date(Date.UTC(2024, 0, 1 + i, 12));
  return new Intl.DateTimeFormat(lng === 'fr' ? 'fr-CA' : 'en-CA', { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Groups consecutive days into runs: MO,TU,WE,FR → [[MO..WE],[FR]]. */
function runs(days: string[]): string[][] {
  const idx = [...new Set(days.map((d) => d.trim().toUpperCase()))]
    .map((d) => ORDER.indexOf(d as (typeof ORDER)[number]))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  const out: number[][] = [];
  for (const i of idx) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else out.push([i]);
  }
  return out.map((r) => r.map((i) => ORDER[i]));
}

export function formatDays(byday: string | null, lng: string): string {
  if (!byday) return '';
  const parts = runs(byday.split(',')).map((r) => {
    const first = dayName(r[0], lng);
    if (r.length === 1) return first;
    const last = dayName(r[r.length - 1], lng);
    if (r.length === 2) return lng === 'fr' ? `${first} et ${last}` : `${first} and ${last}`;
    return lng === 'fr' ? `du ${first} au ${last}` : `${first} to ${last}`;
  });
  const text = lng === 'fr' ? parts.join(', ') : parts.join(', ');
  return lng === 'fr' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatTime(hhmmss: string | null, lng: string): string {
  if (!hhmmss) return '';
  const [h, m] = hhmmss.split(':');
  const hour = Number(h);
  return lng === 'fr' ? `${hour} h ${m}` : `${hour}:${m}`;
}

export function formatHours(h: { byday: string | null; opensAt: string | null; closesAt: string | null; description: string | null }, lng: string): string {
  const days = formatDays(h.byday, lng);
  const time = h.opensAt && h.closesAt ? `${formatTime(h.opensAt, lng)}–${formatTime(h.closesAt, lng)}` : '';
  const text = [days, time].filter(Boolean).join(' ');
  if (!text) return h.description ?? '';
  return lng === 'fr' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
