import type { BrowserReport, BrowserRow } from './run-browser-bench.js';

const fixed = (n: number | undefined, digits: number): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

/** Largest relative difference of two loss curves, epoch by epoch. */
export function lossGap(a: readonly number[], b: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-12));
  }
  return worst;
}

/**
 * Loss curves agree when no epoch's losses differ by more than this fraction: the two libraries
 * draw different initial weights and dropout masks, so the curves match in trend, not in bits.
 */
export const LOSS_AGREEMENT = 0.1;

const fastest = (rows: readonly BrowserRow[]) =>
  rows.length === 0 ? undefined : Math.min(...rows.flatMap((r) => r.epochSeconds));

/** Markdown tables, one per model: s/epoch (fastest epoch), ratio, loss agreement, renderer. */
export function formatBrowserReport(report: BrowserReport, samples: number): string {
  const lines: string[] = [];
  const models = [...new Set(report.rows.map((r) => r.model))];
  for (const model of models) {
    lines.push(
      '',
      `### ${model === 'mlp' ? 'MLP 784 → Dense 100 relu → Dropout 0.3 → Dense 10 softmax' : 'CNN conv2d 8×3×3 relu → maxPooling 2 → flatten → Dense 10 softmax'} (${samples} samples, Adam, headless Chromium)`,
      '',
      '| backend | batch | Dendrite s/epoch | tfjs-layers s/epoch | tfjs-layers / Dendrite | losses agree (max gap) | kernels/step (D / T) | tensor growth (D / T) | renderer |',
      '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
    );
    const ofModel = report.rows.filter((r) => r.model === model);
    const keys = [...new Set(ofModel.map((r) => `${r.backend}|${r.batchSize}`))];
    for (const key of keys) {
      const [backend, batch] = key.split('|');
      const runs = ofModel.filter((r) => r.backend === backend && String(r.batchSize) === batch);
      const d = runs.filter((r) => r.framework === 'dendrite');
      const t = runs.filter((r) => r.framework === 'tfjs-layers');
      const ds = fastest(d);
      const ts = fastest(t);
      const gap = d[0] && t[0] ? lossGap(d[0].losses, t[0].losses) : undefined;
      const agree =
        gap === undefined
          ? '–'
          : `${gap <= LOSS_AGREEMENT ? 'yes' : 'no'} (${fixed(gap * 100, 1)} %)`;
      const kernels = report.kernels.find((k) => k.backend === backend && k.model === model);
      lines.push(
        `| ${backend} | ${batch} | ${fixed(ds, 3)} | ${fixed(ts, 3)} | ${ds && ts ? `**${fixed(ts / ds, 2)}×**` : '–'} | ${agree} | ${kernels ? `${kernels.dendrite} / ${kernels.tfjs}` : '–'} | ${d[0]?.tensorGrowth ?? '–'} / ${t[0]?.tensorGrowth ?? '–'} | ${runs[0]?.renderer ?? '–'} |`,
      );
    }
  }
  for (const skip of report.skipped) lines.push(`- skipped ${skip}`);
  return lines.join('\n');
}
