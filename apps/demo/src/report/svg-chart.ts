/** One line of a chart. */
export interface Series {
  readonly name: string;
  /** y values at x = 1, 2, ... (epochs) unless `x` is given. */
  readonly values: readonly number[];
  readonly x?: readonly number[];
  readonly color: string;
  readonly dashed?: boolean;
}

/** A vertical marker, e.g. the best epoch or the early-stopping epoch. */
export interface Marker {
  readonly x: number;
  readonly label: string;
  readonly color?: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  /** Log-scale y axis (values must be positive). */
  readonly logY?: boolean;
  /**
   * The y range, for charts compared side by side (e.g. with and without dropout).
   * @defaultValue the data's range, widened to whole tick steps
   */
  readonly yRange?: readonly [number, number];
  /** Shade the area between two series (by index), e.g. the train/validation gap. */
  readonly gap?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round step (1, 2, 2.5 or 5 times a power of ten) cutting `span` into about `count` parts. */
function niceStep(span: number, count: number): number {
  const step0 = (span || 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= step0) ?? step0;
}

/** Ticks from `min` to `max` (both included, as the axis' end labels) every `step`. */
function ticksBetween(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = min; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * Ticks for an axis whose ends are fixed (epochs 1..n): both ends labelled, round values between,
 * none closer to an end than half a step (so labels never collide).
 */
export function endTicks(min: number, max: number, count: number): number[] {
  const step = niceStep(max - min, count);
  const inner = ticksBetween(Math.ceil(min / step) * step, max, step).filter(
    (t) => t - min > step / 2 && max - t > step / 2,
  );
  return [min, ...inner, max];
}

const formatTick = (value: number) =>
  Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(0)
    : String(Number(value.toPrecision(4)));

/** Renders a line chart as a standalone SVG document (no scripts, no external resources). */
export function lineChart(options: LineChartOptions): string {
  const { title, xLabel, yLabel, series, markers = [], logY = false, gap } = options;
  const width = options.width ?? 640;
  const height = options.height ?? 380;
  const margin = { left: 70, right: 150, top: 40, bottom: 50 };
  const points = series.map((s) => s.values.map((y, i) => [s.x?.[i] ?? i + 1, y] as const));
  const finite = points.flat().filter(([, y]) => Number.isFinite(y) && (!logY || y > 0));
  const xs = finite.map(([x]) => x).concat(markers.map((m) => m.x));
  const ys = finite.map(([, y]) => (logY ? Math.log10(y) : y));
  const xMin = Math.min(...xs, 1);
  const xMax = Math.max(...xs, xMin + 1);
  let yMin = options.yRange?.[0] ?? (ys.length ? Math.min(...ys) : 0);
  let yMax = options.yRange?.[1] ?? (ys.length ? Math.max(...ys) : 1);
  if (options.yRange && logY) [yMin, yMax] = [Math.log10(yMin), Math.log10(yMax)];
  if (yMax - yMin < 1e-12) {
    yMin -= 0.5;
    yMax += 0.5;
  }
  // The y axis ends on whole steps (decades on a log scale), so both ends carry a label.
  const yStep = logY ? Math.max(1, Math.round(niceStep(yMax - yMin, 6))) : niceStep(yMax - yMin, 6);
  yMin = Math.floor(yMin / yStep + 1e-9) * yStep;
  yMax = Math.ceil(yMax / yStep - 1e-9) * yStep;
  // Marker labels sit in a band above the plot, one line each, clear of the curves.
  const markerBand = 16 * markers.length;
  margin.top += markerBand;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) =>
    margin.top + plotH - (((logY ? Math.log10(y) : y) - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  );
  const yTicks = ticksBetween(yMin, yMax, yStep).map((t) => (logY ? 10 ** t : t));
  for (const t of yTicks) {
    const y = sy(t);
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${formatTick(t)}</text>`,
    );
  }
  for (const t of endTicks(xMin, xMax, Math.min(10, Math.max(1, Math.round(xMax - xMin))))) {
    const x = sx(t);
    parts.push(
      `<text x="${x.toFixed(1)}" y="${margin.top + plotH + 18}" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}${logY ? ' (log scale)' : ''}</text>`,
  );
  if (gap) {
    const [a, b] = gap.map((i) => points[i] ?? []);
    if (a && b && a.length && b.length) {
      const n = Math.min(a.length, b.length);
      const upper = a.slice(0, n).map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      const lower = b
        .slice(0, n)
        .reverse()
        .map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      parts.push(
        `<polygon points="${[...upper, ...lower].join(' ')}" fill="#f5a623" fill-opacity="0.18" stroke="none"><title>gap</title></polygon>`,
      );
    }
  }
  markers.forEach((marker, index) => {
    const x = sx(marker.x);
    const labelY = margin.top - markerBand + 12 + 16 * index;
    // Past the middle the label runs left of its line, so it stays above the plot.
    const right = x > margin.left + plotW / 2;
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${labelY + 3}" y2="${margin.top + plotH}" stroke="${marker.color ?? '#888'}" stroke-dasharray="4 3"/>`,
      `<text x="${(right ? x - 4 : x + 4).toFixed(1)}" y="${labelY}" text-anchor="${right ? 'end' : 'start'}" fill="${marker.color ?? '#555'}">${escapeXml(marker.label)}</text>`,
    );
  });
  series.forEach((s, index) => {
    const path = (points[index] ?? [])
      .filter(([, y]) => Number.isFinite(y) && (!logY || y > 0))
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<line x1="${margin.left + plotW + 12}" x2="${margin.left + plotW + 32}" y1="${margin.top + 10 + index * 18}" y2="${margin.top + 10 + index * 18}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${margin.left + plotW + 36}" y="${margin.top + 14 + index * 18}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export { escapeXml };
