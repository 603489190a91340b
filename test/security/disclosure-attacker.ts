/**
 * The patient reader of public aggregates. Given every published cell of a table set (a
 * number, or hidden with the marker a view showed) and the relations anyone knows between
 * cells, it solves the linear system with an LP solver for the smallest and largest value of
 * each hidden cell. Written apart from the engine: it shares no code with it but the solver.
 */
import solver from 'javascript-lp-solver';

export interface SeenCell {
  /** The number shown, or null when hidden. */
  value: number | null;
  /** Why hidden, as a view said it: primary ('threshold' or 'primary', shown <5), 'complementary' (x), 'source', … */
  reason: string | null;
}

export interface Relation {
  total: string;
  parts: string[];
}

export interface Finding {
  cell: string;
  rule: 'A' | 'B';
  min: number;
  max: number;
}

const isPrimaryMarker = (r: string | null) => r === 'threshold' || r === 'primary';

/**
 * A: knowing only that counts are ≥ 0, a hidden cell's interval is narrower than `threshold`.
 * B: knowing also what the markers say (<5: 1 … threshold − 1; x: hidden, no bound),
 *    a small count is left with a single possible value.
 * Cells missing from `cells` count as 0 (a place or category with no row has none).
 */
export function attack(cells: Map<string, SeenCell>, relations: Relation[], threshold: number): Finding[] {
  const hidden = [...cells].filter(([, c]) => c.value === null).map(([id]) => id);
  const hiddenSet = new Set(hidden);
  const equations: { terms: Map<string, number>; rhs: number }[] = [];
  for (const r of relations) {
    const members: [string, number][] = [[r.total, 1], ...r.parts.map((p) => [p, -1] as [string, number])];
    if (!members.some(([id]) => hiddenSet.has(id))) continue;
    if (members.some(([id]) => cells.get(id)?.reason === 'source')) continue; // an unknown remainder
    const terms = new Map<string, number>();
    let rhs = 0;
    for (const [id, coef] of members) {
      if (hiddenSet.has(id)) terms.set(id, (terms.get(id) ?? 0) + coef);
      else rhs -= coef * (cells.get(id)?.value ?? 0);
    }
    equations.push({ terms, rhs });
  }
  const findings: Finding[] = [];
  for (const rule of ['A', 'B'] as const) {
    const bounds = (id: string): [number, number] => {
      const reason = cells.get(id)!.reason;
      if (rule === 'A') return [0, Infinity];
      if (isPrimaryMarker(reason)) return [1, threshold - 1];
      return [0, Infinity];
    };
    const constraints: Record<string, { equal?: number; min?: number; max?: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    hidden.forEach((id, i) => {
      const [lo, hi] = bounds(id);
      variables[id] = { [`target${i}`]: 1, [`lo${i}`]: 1 };
      constraints[`lo${i}`] = { min: lo };
      if (Number.isFinite(hi)) {
        variables[id][`hi${i}`] = 1;
        constraints[`hi${i}`] = { max: hi };
      }
    });
    equations.forEach((e, k) => {
      constraints[`eq${k}`] = { equal: e.rhs };
      for (const [id, coef] of e.terms) variables[id][`eq${k}`] = coef;
    });
    hidden.forEach((id, i) => {
      if (rule === 'B' && !isPrimaryMarker(cells.get(id)!.reason)) return;
      if (rule === 'A' && !isPrimaryMarker(cells.get(id)!.reason) && cells.get(id)!.reason !== 'complementary') return;
      if (![...equations].some((e) => e.terms.has(id))) return; // in no relation: nothing to solve
      const lo = solver.Solve({ optimize: `target${i}`, opType: 'min', constraints, variables }) as { feasible: boolean; result: number };
      const hi = solver.Solve({ optimize: `target${i}`, opType: 'max', constraints, variables }) as { feasible: boolean; bounded?: boolean; result: number };
      if (!lo.feasible || !hi.feasible) {
        findings.push({ cell: id, rule, min: NaN, max: NaN }); // the published figures contradict each other
        return;
      }
      const min = lo.result;
      const max = hi.bounded === false ? Infinity : hi.result;
      if (rule === 'A' ? max - min < threshold - 1e-6 : Math.floor(max + 1e-6) - Math.ceil(min - 1e-6) < 1) findings.push({ cell: id, rule, min, max });
    });
  }
  return findings;
}

/** Relations of a repository table set: places add up to their parent, breakdowns to their cell. */
export function repositoryRelations(cells: Map<string, SeenCell>, parentOf: Map<string, string | null>): Relation[] {
  const rel: Relation[] = [];
  const ids = [...cells.keys()].map((k) => {
    const [g, period, dkey] = k.split('|');
    return { g, period, dkey };
  });
  const key = (g: string, p: string, d: string) => `${g}|${p}|${d}`;
  const children = new Map<string, string[]>();
  for (const { g, period, dkey } of ids) {
    const parent = parentOf.get(g);
    if (!parent || !cells.has(key(parent, period, dkey))) continue;
    const k = key(parent, period, dkey);
    children.set(k, [...(children.get(k) ?? []), key(g, period, dkey)]);
  }
  for (const [total, parts] of children) rel.push({ total, parts });
  const byPlace = new Map<string, string[]>();
  for (const { g, period, dkey } of ids) byPlace.set(`${g}|${period}`, [...(byPlace.get(`${g}|${period}`) ?? []), dkey]);
  for (const [gp, keys] of byPlace) {
    const groups = new Map<string, string[]>();
    for (const k of keys.filter(Boolean)) {
      const parts = k.split(';');
      parts.forEach((part, i) => {
        const gk = `${parts.filter((_, j) => j !== i).join(';')}\u0000${part.split('=')[0]}`;
        groups.set(gk, [...(groups.get(gk) ?? []), k]);
      });
    }
    let linked = false;
    for (const [gk, ks] of groups) {
      const parentKey = gk.split('\u0000')[0];
      if (!keys.includes(parentKey)) continue;
      if (parentKey === '') linked = true;
      rel.push({ total: `${gp}|${parentKey}`, parts: ks.map((k) => `${gp}|${k}`) });
    }
    if (!linked && keys.includes('')) {
      const depth = Math.max(...keys.map((k) => (k ? k.split(';').length : 0)));
      if (depth > 1) rel.push({ total: `${gp}|`, parts: keys.filter((k) => k && k.split(';').length === depth).map((k) => `${gp}|${k}`) });
    }
  }
  return rel;
}
