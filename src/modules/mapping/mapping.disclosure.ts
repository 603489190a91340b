/**
 * Mapping's side of disclosure control, with no suppression rule of its own: it describes a
 * table of counts about people (the cells and the relations a reader may know between them) for
 * the platform's one engine, `protectTable` (docs/disclosure-control.md), and turns the engine's
 * decision back into what mapping shows (`<5`, `x` or the number).
 */
import { markerOf, protectTable, type DisclosureCell, type DisclosureReason, type DisclosureRelation } from '../data/data.api';

export interface Disclosed {
  value: number | null;
  display: string;
  reason: DisclosureReason | null;
}

export interface CountTable {
  cells: DisclosureCell[];
  relations: DisclosureRelation[];
}

const SEP = '\u001f';
/** Id of a cell of a grid; '*' for a total over rows or columns. */
export const gridId = (measure: string, row: string, col: string) => [measure, row, col].join(SEP);

/**
 * One measure as a grid (need domain × place), with the totals a reader may know: each row over
 * its columns, each column over its rows, and the grand total (= Σ row totals = Σ column totals).
 * A value null is a cell the source already hid; a total over it is null too (its value is not
 * known here). Totals are cells of the table set that mapping does not show.
 */
export function gridTable(measure: string, rows: string[], cols: string[], value: (row: string, col: string) => number | null): CountTable {
  const cells: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  const sum = (vs: (number | null)[]) => (vs.some((v) => v === null) ? null : vs.reduce<number>((s, v) => s + v!, 0));
  for (const r of rows) for (const c of cols) cells.push({ id: gridId(measure, r, c), value: value(r, c) });
  const byId = new Map(cells.map((c) => [c.id, c.value]));
  if (cols.length > 1) {
    for (const r of rows) {
      const parts = cols.map((c) => gridId(measure, r, c));
      cells.push({ id: gridId(measure, r, '*'), value: sum(parts.map((p) => byId.get(p)!)) });
      relations.push({ total: gridId(measure, r, '*'), parts });
    }
  }
  if (rows.length > 1) {
    for (const c of cols) {
      const parts = rows.map((r) => gridId(measure, r, c));
      cells.push({ id: gridId(measure, '*', c), value: sum(parts.map((p) => byId.get(p)!)) });
      relations.push({ total: gridId(measure, '*', c), parts });
    }
  }
  if (rows.length > 1 && cols.length > 1) {
    const grand = gridId(measure, '*', '*');
    cells.push({ id: grand, value: sum(rows.flatMap((r) => cols.map((c) => byId.get(gridId(measure, r, c))!))) });
    relations.push({ total: grand, parts: rows.map((r) => gridId(measure, r, '*')) });
    relations.push({ total: grand, parts: cols.map((c) => gridId(measure, '*', c)) });
  }
  return { cells, relations };
}

// The engine's decision is a pure function of the table, and mapping's tables change only when
// the front-line sums are refreshed: keep the latest decisions so that reading the same coverage
// again does not solve the same linear programs again (a 20 × 11 grid takes seconds).
const decisions = new Map<string, Map<string, DisclosureReason>>();
const MAX_DECISIONS = 200;

function decide(table: CountTable, threshold: number): Map<string, DisclosureReason> {
  const key = JSON.stringify([threshold, table.cells, table.relations]);
  const known = decisions.get(key);
  if (known) return known;
  const { hidden } = protectTable({ threshold, cells: table.cells, relations: table.relations });
  if (decisions.size >= MAX_DECISIONS) decisions.delete(decisions.keys().next().value!);
  decisions.set(key, hidden);
  return hidden;
}

/** How many decided table sets are kept (for tests and the bench). */
export function keptDecisions(): number {
  return decisions.size;
}

/** Decides the table set with the engine; every cell as mapping shows it, by id. */
export function discloseTable(table: CountTable, threshold: number): Map<string, Disclosed> {
  const hidden = decide(table, threshold);
  return new Map(table.cells.map((c): [string, Disclosed] => {
    const reason = hidden.get(c.id);
    return [c.id, reason ? { value: null, display: markerOf(reason, threshold), reason } : { value: c.value, display: String(c.value), reason: null }];
  }));
}
