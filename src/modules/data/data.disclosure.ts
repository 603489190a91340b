/**
 * The disclosure-control engine: one decision, per table set, about which cells of published
 * aggregates are hidden. Every published aggregate goes through it — the data repository's
 * maps, series, breakdowns, roll-ups, dashboards and CSV files (through the stored decisions,
 * data.disclosure-store.ts), No Wrong Door's aggregate feed and hand-entered counts of people on
 * public scorecards and report cards. See docs/disclosure-control.md.
 *
 * A table set is a list of cells and the linear relations between them that a reader may know
 * (a region = the sum of its places, a total = the sum of its breakdown, the same count
 * published under two measures). The engine hides small counts (primary), then solves the
 * linear system the published cells leave to a reader, with an LP solver, for the smallest and
 * largest value each hidden cell can take, and hides more cells (complementary) until no hidden
 * small count can be pinned down:
 *  A. knowing only that counts are ≥ 0, every hidden cell's feasible interval is at least
 *     `threshold` wide;
 *  B. knowing also what the markers say (`<5`: 1 … threshold − 1; `x`: hidden, no bound), no
 *     cell shown `<5` is left with a single possible value. Where the `<5` markers alone would
 *     pin values down (a total shown `<5` over cells shown `<5`), those cells are shown `x`.
 * Pure: no database, no clock.
 */
import solver from 'javascript-lp-solver';

/** primary: a small count; complementary: hidden to protect one; source: withheld by the source; withheld: never published (a total nobody publishes). */
export type DisclosureReason = 'primary' | 'complementary' | 'source' | 'withheld';

export interface DisclosureCell {
  id: string;
  /** The true value; null when the source itself withheld it (status suppressed). */
  value: number | null;
  /** Counts of people are protected; other cells (amounts, percentages) only constrain. */
  count?: boolean;
  /** Known to every reader without being published here (e.g. a group total from elsewhere). */
  known?: boolean;
  /** false: never published (e.g. a total that only links other cells); the reader must solve for it. */
  publish?: boolean;
}

/** total = Σ parts (+ a remainder the reader knows, e.g. an unmapped reserve's population). */
export interface DisclosureRelation {
  total: string;
  parts: string[];
}

export interface DisclosureTable {
  threshold: number;
  cells: DisclosureCell[];
  relations: DisclosureRelation[];
}

export interface DisclosureDecision {
  /** Hidden cells and why; every other cell is published as it is. */
  hidden: Map<string, DisclosureReason>;
  /** LP rounds used; > 0 only when complementary suppression was needed. */
  rounds: number;
}

export interface Interval {
  min: number;
  max: number;
}

/** What each marker tells a reader about a hidden cell's value. */
export function markerBounds(reason: DisclosureReason, threshold: number): Interval {
  if (reason === 'primary') return { min: 1, max: threshold - 1 };
  // `x` carries no bound: it marks complements and also small counts whose `<5` would give them away.
  return { min: 0, max: Infinity };
}

/** A count from 1 to threshold − 1 is primary; zero is published (it reveals no one). */
export function isPrimary(value: number | null, threshold: number): boolean {
  return value != null && threshold > 0 && value > 0 && value < threshold;
}

export function markerOf(reason: DisclosureReason, threshold: number): string {
  return reason === 'primary' ? `<${threshold}` : 'x';
}

interface System {
  /** Hidden cells: the unknowns. */
  vars: string[];
  /** Σ coef·x = rhs over hidden cells only (published cells moved to the right-hand side). */
  equations: { terms: [string, number][]; rhs: number }[];
}

/**
 * The linear system a reader can build from the published cells: each relation that touches a
 * hidden cell, with every published (or known) value moved to the right-hand side. The
 * remainder of a relation (total − Σ parts, when it is not zero) is taken as known: the
 * conservative assumption.
 */
export function readerSystem(table: DisclosureTable, hidden: ReadonlyMap<string, DisclosureReason>): System {
  const byId = new Map(table.cells.map((c) => [c.id, c]));
  const equations: System['equations'] = [];
  const used = new Set<string>();
  for (const r of table.relations) {
    const members: [string, number][] = [[r.total, 1], ...r.parts.map((p) => [p, -1] as [string, number])];
    if (!members.some(([id]) => hidden.has(id))) continue;
    // A relation with a cell the source withheld has an unknown remainder: it ties nothing down.
    if (members.some(([id]) => !byId.has(id) || byId.get(id)!.value == null)) continue;
    const terms = new Map<string, number>();
    for (const [id, coef] of members) if (hidden.has(id)) terms.set(id, (terms.get(id) ?? 0) + coef);
    // Σ coef·x_hidden = Σ coef·truth_hidden  (the published part cancels on both sides)
    let hiddenRhs = 0;
    for (const [id, coef] of terms) hiddenRhs += coef * byId.get(id)!.value!;
    const t = [...terms].filter(([, c]) => c !== 0);
    if (!t.length) continue;
    t.forEach(([id]) => used.add(id));
    equations.push({ terms: t, rhs: hiddenRhs });
  }
  return { vars: [...hidden.keys()].filter((id) => used.has(id)), equations };
}

/** Splits a system into independent pieces (cells linked by no equation are solved apart). */
function components(sys: System): System[] {
  const parent = new Map(sys.vars.map((v) => [v, v]));
  const find = (v: string): string => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(v, r);
    return r;
  };
  for (const e of sys.equations) for (let i = 1; i < e.terms.length; i++) parent.set(find(e.terms[i][0]), find(e.terms[0][0]));
  const out = new Map<string, System>();
  for (const v of sys.vars) {
    const r = find(v);
    if (!out.has(r)) out.set(r, { vars: [], equations: [] });
    out.get(r)!.vars.push(v);
  }
  for (const e of sys.equations) out.get(find(e.terms[0][0]))!.equations.push(e);
  return [...out.values()];
}

/**
 * min and max of each unknown of a system, subject to its equations and bounds, solved as
 * linear programs (the reader may also know values are whole numbers; the LP relaxation can
 * only be wider, so the engine also checks that widths keep a margin of one).
 */
export function feasibleIntervals(sys: System, bounds: (id: string) => Interval): Map<string, Interval> {
  const out = new Map<string, Interval>();
  for (const comp of components(sys)) {
    const constraints: Record<string, { equal?: number; min?: number; max?: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    comp.vars.forEach((v, i) => {
      variables[v] = { [`objective_${v}`]: 1 };
      const b = bounds(v);
      constraints[`lo${i}`] = { min: b.min };
      variables[v][`lo${i}`] = 1;
      if (Number.isFinite(b.max)) {
        constraints[`hi${i}`] = { max: b.max };
        variables[v][`hi${i}`] = 1;
      }
    });
    comp.equations.forEach((e, k) => {
      constraints[`eq${k}`] = { equal: e.rhs };
      for (const [id, coef] of e.terms) variables[id][`eq${k}`] = (variables[id][`eq${k}`] ?? 0) + coef;
    });
    for (const v of comp.vars) {
      const solve = (opType: 'min' | 'max') => solver.Solve({ optimize: `objective_${v}`, opType, constraints, variables }) as { feasible: boolean; bounded?: boolean; result: number };
      const lo = solve('min');
      const hi = solve('max');
      if (!lo.feasible || !hi.feasible) {
        // Cannot happen with the true values; treat as fully open rather than guess.
        out.set(v, { min: 0, max: Infinity });
        continue;
      }
      out.set(v, { min: round(lo.result), max: hi.bounded === false || !Number.isFinite(hi.result) ? Infinity : round(hi.result) });
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Hidden cells that a reader could pin down (rule A or B), with their intervals. */
export function audit(table: DisclosureTable, hidden: ReadonlyMap<string, DisclosureReason>): { id: string; interval: Interval; rule: 'A' | 'B' }[] {
  const t = table.threshold;
  const sys = readerSystem(table, hidden);
  if (!sys.vars.length) return [];
  const bad: { id: string; interval: Interval; rule: 'A' | 'B' }[] = [];
  const open = feasibleIntervals(sys, () => ({ min: 0, max: Infinity }));
  for (const [id, iv] of open) {
    const reason = hidden.get(id);
    if (reason === 'source' || reason === 'withheld') continue;
    if (iv.max - iv.min < t) bad.push({ id, interval: iv, rule: 'A' });
  }
  const marked = feasibleIntervals(sys, (id) => markerBounds(hidden.get(id)!, t));
  for (const [id, iv] of marked) {
    if (hidden.get(id) !== 'primary' || bad.some((b) => b.id === id)) continue;
    // Markers can narrow each other (a total shown <5 over two cells shown <5 caps each at 3);
    // what must never happen is a single value left.
    if (Math.floor(iv.max + 1e-9) - Math.ceil(iv.min - 1e-9) < 1) bad.push({ id, interval: iv, rule: 'B' });
  }
  return bad;
}

/**
 * Decides which cells of a table set are hidden. Deterministic: the same table gives the same
 * decision (complements are the smallest eligible cell, ties broken by id).
 */
export function protectTable(table: DisclosureTable, opts: { maxRounds?: number } = {}): DisclosureDecision {
  // Cells linked by no chain of relations are decided apart (a month of the feed, a region).
  const parent = new Map<string, string>();
  const find = (v: string): string => {
    let r = v;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    if (!parent.has(v)) parent.set(v, v);
    return r;
  };
  for (const c of table.cells) parent.set(c.id, c.id);
  for (const r of table.relations) for (const p of r.parts) {
    const a = find(r.total);
    const b = find(p);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, DisclosureTable>();
  for (const c of table.cells) {
    const k = find(c.id);
    if (!groups.has(k)) groups.set(k, { threshold: table.threshold, cells: [], relations: [] });
    groups.get(k)!.cells.push(c);
  }
  for (const r of table.relations) groups.get(find(r.total))?.relations.push(r);
  const hidden = new Map<string, DisclosureReason>();
  let rounds = 0;
  for (const g of groups.values()) {
    const d = protectComponent(g, opts);
    for (const [id, reason] of d.hidden) hidden.set(id, reason);
    rounds = Math.max(rounds, d.rounds);
  }
  return { hidden, rounds };
}

function protectComponent(table: DisclosureTable, opts: { maxRounds?: number }): DisclosureDecision {
  const t = table.threshold;
  const hidden = new Map<string, DisclosureReason>();
  for (const c of table.cells) {
    if (c.publish === false) hidden.set(c.id, 'withheld');
    else if (c.value == null) hidden.set(c.id, 'source');
    else if (c.count !== false && !c.known && isPrimary(c.value, t)) hidden.set(c.id, 'primary');
  }
  if (![...hidden.values()].some((r) => r === 'primary') || t <= 0) return { hidden, rounds: 0 };
  const byId = new Map(table.cells.map((c) => [c.id, c]));
  const relationsOf = new Map<string, DisclosureRelation[]>();
  for (const r of table.relations) for (const id of [r.total, ...r.parts]) relationsOf.set(id, [...(relationsOf.get(id) ?? []), r]);
  // A complement must be a published, non-zero cell that a reader does not already know.
  const eligible = (id: string) => {
    const c = byId.get(id);
    return !!c && !hidden.has(id) && !c.known && c.value != null && c.value > 0;
  };
  const maxRounds = opts.maxRounds ?? 200;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    const bad = audit(table, hidden);
    if (!bad.length) return { hidden, rounds };
    let added = 0;
    const touched = new Set<DisclosureRelation>();
    for (const b of bad.sort((x, y) => x.id.localeCompare(y.id))) {
      const rels = relationsOf.get(b.id) ?? [];
      // A complement added for another cell of the same relation this round may already be enough.
      if (rels.some((r) => touched.has(r))) continue;
      const candidates = [...new Set(rels.flatMap((r) => [r.total, ...r.parts]))].filter(eligible);
      if (!candidates.length) continue;
      candidates.sort((x, y) => byId.get(x)!.value! - byId.get(y)!.value! || x.localeCompare(y));
      hidden.set(candidates[0], 'complementary');
      for (const r of relationsOf.get(candidates[0]) ?? []) touched.add(r);
      added++;
    }
    if (!added) break;
  }
  // Could not be protected by complements within the relations: hide every count that a reader
  // does not already know, and where `<5` markers still pin a value down, show those as `x`.
  for (const c of table.cells) if (!hidden.has(c.id) && !c.known && c.value != null && c.value > 0) hidden.set(c.id, 'complementary');
  for (let i = 0; i < table.cells.length; i++) {
    const bad = audit(table, hidden).filter((b) => b.rule === 'B');
    if (!bad.length) break;
    for (const b of bad) hidden.set(b.id, 'complementary');
  }
  return { hidden, rounds };
}
