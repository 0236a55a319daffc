import { lineChart, type Marker, type Series } from './svg-chart.js';

/** Train (solid) and validation (dashed) colors used across the reports. */
export const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'] as const;

/** Train vs validation curves of one metric (`loss`, `accuracy`) from per-epoch logs. */
export function trainValidationChart(
  logs: Readonly<Record<string, readonly number[]>>,
  metric: string,
  options: {
    title?: string;
    markers?: readonly Marker[];
    gap?: boolean;
    /** A y range shared with a chart shown beside this one. */
    yRange?: readonly [number, number];
  } = {},
): string {
  const series: Series[] = [];
  const train = logs[metric];
  const validation = logs[`val_${metric}`];
  if (train) series.push({ name: `train ${metric}`, values: train, color: COLORS[0] });
  if (validation) {
    series.push({
      name: `validation ${metric}`,
      values: validation,
      color: COLORS[1],
      dashed: true,
    });
  }
  return lineChart({
    title: options.title ?? `${metric[0]?.toUpperCase()}${metric.slice(1)}: train vs validation`,
    xLabel: 'epoch',
    yLabel: metric,
    series,
    ...(options.markers ? { markers: options.markers } : {}),
    ...(options.yRange ? { yRange: options.yRange } : {}),
    ...(options.gap && series.length === 2 ? { gap: [0, 1] as const } : {}),
  });
}

/** The range of every finite value of `metric` and `val_<metric>` over several runs' logs. */
export function sharedRange(
  runs: readonly Readonly<Record<string, readonly number[]>>[],
  metric: string,
): readonly [number, number] {
  const values = runs
    .flatMap((logs) => [...(logs[metric] ?? []), ...(logs[`val_${metric}`] ?? [])])
    .filter(Number.isFinite);
  return values.length > 0 ? [Math.min(...values), Math.max(...values)] : [0, 1];
}
