/**
 * Suppression: small counts are never published, and cells that would let someone recover a
 * suppressed count by subtraction are suppressed too (complementary suppression). Pure
 * functions over cells, applied to every public or cross-collaborative view and export.
 */
import type { IndicatorUnit, ObservationStatus } from './data.api';

export type SuppressionReason = 'source' | 'threshold' | 'complementary' | 'dependent';

export interface RawCell {
  value: number | null;
  low: number | null;
  high: number | null;
  status: ObservationStatus;
}

export interface ShownCell {
  /** null when suppressed or given only as a range. */
  value: number | null;
  low: number | null;
  high: number | null;
  status: ObservationStatus;
  suppressed: boolean;
  reason: SuppressionReason | null;
  /** What to show: '12.5', '<5', '10–19', or 'x' (suppressed, no bound may be shown). */
  display: string;
}

export function formatNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** The display of a visible cell. */
function displayOf(c: { value: number | null; low: number | null; high: number | null }): string {
  if (c.value != null) return formatNumber(c.value);
  if (c.low != null && c.high != null) return `${formatNumber(c.low)}–${formatNumber(c.high)}`;
  if (c.low != null) return `≥${formatNumber(c.low)}`;
  if (c.high != null) return `≤${formatNumber(c.high)}`;
  return '';
}

export function suppressedCell(reason: SuppressionReason, threshold?: number): ShownCell {
  return {
    value: null,
    low: null,
    high: null,
    status: 'suppressed',
    suppressed: true,
    reason,
    display: reason === 'threshold' && threshold ? `<${threshold}` : 'x',
  };
}

/**
 * Primary suppression of one cell. `protect` is false only for the owners of private data.
 * Counts from 1 to threshold − 1 are suppressed; zero is shown (it reveals no one).
 */
export function primary(c: RawCell, unit: IndicatorUnit, threshold: number, protect = true): ShownCell {
  if (c.status === 'suppressed') {
    // A range published by the source is itself the protected form.
    if (c.low != null || c.high != null) return { value: null, low: c.low, high: c.high, status: 'suppressed', suppressed: true, reason: 'source', display: displayOf({ ...c, value: null }) };
    return suppressedCell('source');
  }
  if (protect && unit === 'count' && threshold > 0 && c.value != null && c.value > 0 && c.value < threshold) return suppressedCell('threshold', threshold);
  if (protect && unit === 'count' && threshold > 0 && c.value == null && c.high != null && c.high < threshold && (c.low ?? 0) > 0) return suppressedCell('threshold', threshold);
  return { value: c.value, low: c.low, high: c.high, status: c.status, suppressed: false, reason: null, display: displayOf(c) };
}

/**
 * Complementary suppression for parts that add up to a total (disaggregation cells under their
 * total, or municipalities under their region). When exactly one part is suppressed under a
 * published total, total − the others would reveal it; when the total is suppressed and every
 * part is published, their sum would. Either way the smallest published part is suppressed as
 * well. Mutates and returns `parts`.
 */
export function complementary(total: ShownCell | null, parts: ShownCell[]): ShownCell[] {
  if (!total) return parts;
  const hidden = parts.filter((p) => p.suppressed).length;
  const totalPublished = !total.suppressed && total.value != null;
  // Published total, one hidden part: total − the others reveals it.
  // Hidden total, every part published: the parts add up to it.
  const exposed = totalPublished ? hidden === 1 : total.suppressed && hidden === 0 && parts.length > 0;
  if (!exposed) return parts;
  const candidates = parts.map((p, i) => ({ p, i })).filter(({ p }) => !p.suppressed);
  if (!candidates.length) return parts;
  candidates.sort((a, b) => (a.p.value ?? a.p.high ?? Infinity) - (b.p.value ?? b.p.high ?? Infinity));
  parts[candidates[0].i] = suppressedCell('complementary');
  return parts;
}

/** A share derived from a part and its total is suppressed whenever either is. */
export function derivedShare(part: ShownCell, total: ShownCell): ShownCell {
  if (part.suppressed || total.suppressed) return suppressedCell('dependent');
  if (part.value == null || total.value == null || total.value === 0) return { ...suppressedCell('dependent'), suppressed: false, reason: null, status: part.status, display: '' };
  const v = (part.value / total.value) * 100;
  return { value: v, low: null, high: null, status: part.status, suppressed: false, reason: null, display: `${formatNumber(Math.round(v * 10) / 10)}%` };
}

/** Additive units may be summed from places to the region that contains them. */
export function isAdditive(unit: IndicatorUnit): boolean {
  return unit === 'count' || unit === 'currency';
}

/**
 * Sums parts for a roll-up. Any suppressed part makes the sum suppressed (it would otherwise
 * count a hidden value as zero or reveal it); ranges sum to ranges.
 */
export function rollUp(parts: ShownCell[], unit: IndicatorUnit, threshold: number): ShownCell {
  if (parts.some((p) => p.suppressed)) return suppressedCell('dependent');
  if (!parts.length) return { ...suppressedCell('dependent'), suppressed: false, reason: null, display: '' };
  let value: number | null = 0;
  let low = 0;
  let high = 0;
  for (const p of parts) {
    if (p.value != null) {
      if (value != null) value += p.value;
      low += p.value;
      high += p.value;
    } else {
      value = null;
      low += p.low ?? 0;
      high += p.high ?? Infinity;
    }
  }
  const status: ObservationStatus = parts.every((p) => p.status === 'final') ? 'final' : 'provisional';
  return primary(value != null ? { value, low: null, high: null, status } : { value: null, low, high: Number.isFinite(high) ? high : null, status }, unit, threshold);
}
