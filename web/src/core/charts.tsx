import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { timeAxis, type TimeAxis } from './timeAxis';

/** Shown instead of a chart that has nothing to draw. */
export function ChartEmpty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="chart-empty" role="status">
      <p>{children ?? t('charts.empty')}</p>
    </div>
  );
}

/** The time axis for these periods in the reader's language. */
export function useTimeAxis(periods: string[]): TimeAxis {
  const { i18n } = useTranslation();
  return timeAxis(periods, i18n.language);
}

/** Props for a recharts XAxis that is a true time axis over rows carrying `t` (periodTime). */
export function timeXAxis(axis: TimeAxis) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: axis.domain,
    ticks: axis.ticks,
    tickFormatter: (v: number) => axis.format(v),
    interval: 0 as const,
    padding: { left: 18, right: 18 },
  };
}
