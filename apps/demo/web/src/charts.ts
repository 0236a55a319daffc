import { type LineChartOptions, lineChart } from '../../src/report/svg-chart.js';

export type { LineChartOptions, Marker, Series } from '../../src/report/svg-chart.js';

/**
 * Draws an SVG string into `container`, scaled to the container's width (the viewBox keeps the
 * proportions).
 */
export function showSvg(container: HTMLElement, svg: string): void {
  container.innerHTML = svg;
  const element = container.querySelector('svg');
  if (element) {
    element.removeAttribute('width');
    element.removeAttribute('height');
    element.style.width = '100%';
    element.style.height = 'auto';
  }
}

/**
 * Redraws a line chart (the report's SVG writer) in `container`; called once per epoch.
 * `data-points` on the container counts the points drawn, so tests can see it update.
 * @example drawLineChart(el, { title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series });
 */
export function drawLineChart(container: HTMLElement, options: LineChartOptions): void {
  const width = options.width ?? 560;
  showSvg(container, lineChart({ width, height: 320, ...options }));
  const points = options.series.reduce((sum, s) => sum + s.values.length, 0);
  container.dataset.points = String(points);
}

/** The page's palette: train solid, validation dashed, in the same hue per quantity. */
export const COLORS = {
  train: '#1f77b4',
  validation: '#ff7f0e',
  second: '#2ca02c',
  third: '#d62728',
  marker: '#7b3294',
} as const;
