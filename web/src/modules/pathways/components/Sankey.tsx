import { useTranslation } from 'react-i18next';
import type { Flow } from '../api';

/**
 * The observed flow as a Sankey-style diagram: one column per step in pathway order, a node's
 * height by the people who reached it, a link's width by the people who took it. Hidden counts
 * ("<5", "x") are drawn as thin dashed links. The table beside it carries every number.
 */
export function Sankey({ flow }: { flow: Flow }) {
  const { t } = useTranslation();
  const W = 760, H = 320, nodeW = 14, pad = 24;
  const n = flow.steps.length;
  const x = (i: number) => pad + (n <= 1 ? 0 : (i * (W - 2 * pad - nodeW)) / (n - 1));
  const max = Math.max(1, ...flow.steps.map((s) => s.reached.value ?? 0));
  const h = (v: number | null) => (v === null ? 6 : Math.max(6, (v / max) * (H - 80)));
  const index = new Map(flow.steps.map((s, i) => [s.key, i]));
  const yTop = (i: number) => 40 + (i % 2) * 20;
  return (
    <svg className="pathways-sankey" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('pathways.sankeyLabel')}>
      {flow.links.map((l) => {
        const a = index.get(l.from)!, b = index.get(l.to)!;
        const w = l.people.value === null ? 2 : Math.max(2, (l.people.value / max) * (H - 80));
        const x1 = x(a) + nodeW, x2 = x(b), y1 = yTop(a) + h(flow.steps[a]!.reached.value) / 2, y2 = yTop(b) + h(flow.steps[b]!.reached.value) / 2;
        const back = b <= a;
        const d = back
          ? `M${x1},${y1} C${x1 + 40},${H - 10} ${x2 - 40},${H - 10} ${x2},${y2}`
          : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
        return <path key={`${l.from}>${l.to}`} d={d} fill="none" stroke={l.loop ? '#b35c00' : l.ideal ? '#2b6cb0' : '#6b7280'} strokeOpacity={0.45} strokeWidth={w} strokeDasharray={l.people.value === null ? '4 3' : undefined} />;
      })}
      {flow.steps.map((s, i) => (
        <g key={s.key}>
          <rect x={x(i)} y={yTop(i)} width={nodeW} height={h(s.reached.value)} fill="#1a3a5a" />
          <text x={x(i) + nodeW / 2} y={yTop(i) - 6} textAnchor="middle" fontSize="11">{`${i + 1}`}</text>
        </g>
      ))}
    </svg>
  );
}
