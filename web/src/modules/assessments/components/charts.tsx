/** Charts of a round's results. Each is drawn beside a table with the same figures (the tables are the accessible reading). */
import { useTranslation } from 'react-i18next';
import { schemeBlues } from 'd3-scale-chromatic';
import type { Results, Trends } from '../api';
import { levelLabel, pct } from './parts';

type Block = NonNullable<Results['pairs']>[number];

/** Colours for levels 0..5, light to dark; text never sits on them. */
export function levelColour(level: number): string {
  const ramp = ['#f2f2f2', ...schemeBlues[5]];
  return ramp[Math.max(0, Math.min(ramp.length - 1, level))];
}

export function Legend({ levels, scale }: { levels: number[]; scale: Results['scale'] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="assessments-legend" aria-label={t('assessments.legend')}>
      {levels.map((l) => <li key={l}><span className="swatch" style={{ background: levelColour(l) }} aria-hidden="true" /> {levelLabel(scale, l, i18n.language, t)}</li>)}
    </ul>
  );
}

/** One bar: the share of relationships reported at each level. */
export function StackedShare({ block }: { block: Block }) {
  const { t } = useTranslation();
  let x = 0;
  return (
    <svg viewBox="0 0 300 40" className="assessments-chart" role="img" aria-label={t('assessments.stackedAlt')}>
      {block.levels.map((l) => {
        const w = l.share * 300;
        const rect = <rect key={l.level} x={x} y={5} width={w} height={30} fill={levelColour(l.level)} stroke="#333" strokeWidth={0.5} />;
        x += w;
        return rect;
      })}
    </svg>
  );
}

/** Every pair as a cell: the level both partners at least report; hatched when only one side rated. */
export function Heatmap({ block }: { block: Block }) {
  const { t } = useTranslation();
  const n = block.organizations.length;
  const size = 300 / Math.max(n, 1);
  const index = new Map(block.organizations.map((o, i) => [o.id, i]));
  const cells = block.pairs.flatMap((p) => {
    const i = index.get(p.a)!, j = index.get(p.b)!;
    const fill = p.agreedLevel === null ? 'url(#as-hatch)' : levelColour(p.agreedLevel);
    const mark = p.discrepant ? <circle key={`d${i}-${j}`} cx={j * size + size / 2} cy={i * size + size / 2} r={size / 5} fill="#b00020" /> : null;
    return [
      <rect key={`${i}-${j}`} x={j * size} y={i * size} width={size} height={size} fill={fill} stroke="#fff" />,
      <rect key={`${j}-${i}`} x={i * size} y={j * size} width={size} height={size} fill={fill} stroke="#fff" />,
      mark,
    ];
  });
  return (
    <svg viewBox="-24 -24 324 324" className="assessments-chart assessments-heatmap" role="img" aria-label={t('assessments.heatmapAlt')}>
      <defs>
        <pattern id="as-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e8e8e8" /><line x1="0" y1="0" x2="0" y2="6" stroke="#767676" strokeWidth="2" /></pattern>
      </defs>
      {block.organizations.map((o, i) => (
        <g key={o.id} fontSize={10}>
          <text x={-4} y={i * size + size / 2 + 3} textAnchor="end">{i + 1}</text>
          <text x={i * size + size / 2} y={-6} textAnchor="middle">{i + 1}</text>
          <rect x={i * size} y={i * size} width={size} height={size} fill="#fff" stroke="#ccc" />
        </g>
      ))}
      {cells}
    </svg>
  );
}

/** The network: organizations on a circle, a line for each pair both report at communication or above, thicker for higher levels. */
export function Network({ block }: { block: Block }) {
  const { t } = useTranslation();
  const n = block.organizations.length;
  const pos = new Map(block.organizations.map((o, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    return [o.id, { x: 150 + 115 * Math.cos(a), y: 150 + 115 * Math.sin(a), i }];
  }));
  return (
    <svg viewBox="0 0 300 300" className="assessments-chart assessments-network" role="img" aria-label={t('assessments.networkAlt')}>
      {block.pairs.filter((p) => (p.agreedLevel ?? 0) >= 2).map((p) => {
        const a = pos.get(p.a)!, b = pos.get(p.b)!;
        return <line key={`${p.a}-${p.b}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={levelColour(p.agreedLevel!)} strokeWidth={p.agreedLevel! - 0.5} strokeDasharray={p.discrepant ? '4 3' : undefined} />;
      })}
      {block.organizations.map((o) => {
        const p = pos.get(o.id)!;
        const r = 8 + 10 * (o.centrality ?? 0.3);
        return (
          <g key={o.id}>
            <circle cx={p.x} cy={p.y} r={r} fill="#fff" stroke="#1d3557" strokeWidth={2} />
            <text x={p.x} y={p.y + 4} textAnchor="middle" fontSize={11}>{p.i + 1}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Density at each level or higher, round over round. */
export function TrendChart({ trends, levels }: { trends: Trends['items']; levels: number[] }) {
  const { t, i18n } = useTranslation();
  const n = trends.length;
  const x = (i: number) => (n <= 1 ? 150 : 30 + (i * 250) / (n - 1));
  const y = (v: number) => 170 - v * 150;
  return (
    <svg viewBox="0 0 300 200" className="assessments-chart" role="img" aria-label={t('assessments.trendAlt')}>
      <line x1={25} y1={170} x2={290} y2={170} stroke="#333" />
      <line x1={25} y1={20} x2={25} y2={170} stroke="#333" />
      <text x={20} y={24} textAnchor="end" fontSize={9}>{pct(1, i18n.language)}</text>
      <text x={20} y={172} textAnchor="end" fontSize={9}>0</text>
      {levels.filter((l) => l > 0).map((l) => (
        <polyline key={l} fill="none" stroke={levelColour(l)} strokeWidth={3} points={trends.map((r, i) => `${x(i)},${y(r.densityAtLeast[String(l)] ?? 0)}`).join(' ')} />
      ))}
      {trends.map((r, i) => <text key={r.roundId} x={x(i)} y={185} textAnchor="middle" fontSize={9}>{r.closesOn.slice(0, 7)}</text>)}
      {trends.map((r, i) => levels.filter((l) => l > 0).map((l) => <circle key={`${r.roundId}-${l}`} cx={x(i)} cy={y(r.densityAtLeast[String(l)] ?? 0)} r={3} fill={levelColour(l)} stroke="#333" strokeWidth={0.5} />))}
    </svg>
  );
}
