/**
 * Comparisons of pathways, pure: what a version or a copy changed step by step, and the merged
 * view of workshop drawings (how often each step appears, where the drawings differ).
 */
import type { Step, StepChange, StepKind } from './pathways.schema';

const FIELDS = ['kind', 'title', 'titleFr', 'description', 'descriptionFr', 'toBring', 'toBringFr', 'domain', 'serviceIds', 'organizationIds', 'conditions', 'targetDays', 'responsibleRole', 'next'] as const;

/** Steps added, removed or changed (with the fields that differ) from `before` to `after`, keyed by step key; a move in the order is a change of `position`. */
export function diffSteps(before: Step[], after: Step[]): StepChange[] {
  const old = new Map(before.map((s, i) => [s.key, { s, i }]));
  const now = new Map(after.map((s, i) => [s.key, { s, i }]));
  const out: StepChange[] = [];
  after.forEach((s, i) => {
    const o = old.get(s.key);
    if (!o) { out.push({ key: s.key, change: 'added', fields: [], title: s.title }); return; }
    const fields: string[] = FIELDS.filter((f) => JSON.stringify(o.s[f] ?? null) !== JSON.stringify(s[f] ?? null));
    const beforeRank = before.filter((x) => now.has(x.key)).findIndex((x) => x.key === s.key);
    const afterRank = after.filter((x) => old.has(x.key)).findIndex((x) => x.key === s.key);
    if (beforeRank !== afterRank) fields.push('position');
    if (fields.length) out.push({ key: s.key, change: 'changed', fields, title: s.title });
    void i;
  });
  for (const s of before) if (!now.has(s.key)) out.push({ key: s.key, change: 'removed', fields: [], title: s.title });
  return out;
}

export interface DrawingStep { kind: StepKind; title: string; stepKey: string | null }
export interface Drawing { id: string; participant: string; steps: DrawingStep[]; createdAt: string }

/** A drawn step's identity: the pathway step it names, else its title folded (case, accents, spaces). */
export function drawnId(s: DrawingStep): string {
  if (s.stepKey) return s.stepKey;
  return `~${s.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`;
}

/**
 * The merged view: each step drawn (or in the pathway), in how many drawings it appears and at
 * which position; steps in every drawing are common; pairs drawn in both orders differ.
 */
export function mergeDrawings(pathway: Pick<Step, 'key' | 'title' | 'kind'>[], drawings: Drawing[]) {
  const rows = new Map<string, { id: string; title: string; kind: StepKind; inPathway: boolean; positions: (number | null)[] }>();
  for (const s of pathway) rows.set(s.key, { id: s.key, title: s.title, kind: s.kind, inPathway: true, positions: drawings.map(() => null) });
  drawings.forEach((d, di) => {
    d.steps.forEach((s, pi) => {
      const id = drawnId(s);
      const row = rows.get(id) ?? { id, title: s.title, kind: s.kind, inPathway: false, positions: drawings.map(() => null) };
      if (row.positions[di] === null) row.positions[di] = pi + 1;
      rows.set(id, row);
    });
  });
  const n = drawings.length;
  const list = [...rows.values()].map((r) => {
    const count = r.positions.filter((p) => p !== null).length;
    return { ...r, count, share: n ? Math.round((count / n) * 100) / 100 : 0, common: n > 0 && count === n };
  }).filter((r) => r.inPathway || r.count > 0);
  const orderDiffers: { a: string; b: string; aFirst: number; bFirst: number }[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      let aFirst = 0, bFirst = 0;
      list[i]!.positions.forEach((p, k) => {
        const q = list[j]!.positions[k];
        if (p === null || q === null || q === undefined) return;
        if (p < q) aFirst++; else if (q < p) bFirst++;
      });
      if (aFirst > 0 && bFirst > 0) orderDiffers.push({ a: list[i]!.id, b: list[j]!.id, aFirst, bFirst });
    }
  }
  return { rows: list, orderDiffers };
}
