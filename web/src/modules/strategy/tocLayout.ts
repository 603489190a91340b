/**
 * Layout of a theory of change with dagre (layered graph drawing): actions on the left, what they
 * lead to on the right, nodes in each layer ordered to keep links from crossing, links routed
 * round the nodes.
 */
import dagre from '@dagrejs/dagre';

export interface TocNodeIn {
  id: string;
  kind: string;
  label: string;
}
export interface LaidOutNode extends TocNodeIn {
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}
export interface LaidOutEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
}

export const NODE_WIDTH = 220;
const LINE = 18;

/** Splits a label into lines of at most `max` characters, at most three lines, the last clipped. */
export function wrap(text: string, max = 26, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if ((line + ' ' + word).length <= max) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, max - 1)}…`;
    return kept;
  }
  return lines.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
}

export function layoutToc(nodes: TocNodeIn[], edges: { from: string; to: string }[]): { width: number; height: number; nodes: LaidOutNode[]; edges: LaidOutEdge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  const wrapped = new Map(nodes.map((n) => [n.id, wrap(n.label)]));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: 20 + LINE * wrapped.get(n.id)!.length });
  const kept = edges.filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to);
  for (const e of kept) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height, lines: wrapped.get(n.id)! };
    }),
    edges: kept.map((e) => ({ ...e, points: g.edge(e.from, e.to).points })),
  };
}
