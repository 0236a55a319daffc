import type { NumpyReport } from './numpy.js';
import type { RunResult } from './run.js';
import type { BenchReport } from './run-bench.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fixed = (n: number | undefined, digits: number): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

/** Median seconds/epoch, peak RSS and tensor growth of one framework's runs of a configuration. */
function summary(runs: readonly RunResult[]) {
  if (runs.length === 0) return undefined;
  return {
    // Noise on a shared CPU only adds time, so the fastest epoch is the least disturbed estimate.
    seconds: Math.min(...runs.flatMap((r) => r.epochSeconds)),
    medianSeconds: median(runs.map((r) => r.secondsPerEpoch)),
    samplesPerSecond: (runs[0]?.samples ?? 0) / Math.min(...runs.flatMap((r) => r.epochSeconds)),
    rss: Math.max(...runs.map((r) => r.peakRssMiB)),
    growth: Math.max(...runs.map((r) => r.tensorGrowth)),
    loss: runs[0]?.losses.at(-1),
  };
}

/** Markdown tables, one per model: raw seconds, ratios, memory and tensor growth. */
export function formatReport(report: BenchReport, numpy: NumpyReport | string | undefined): string {
  const lines: string[] = [];
  const models = [...new Set(report.results.map((r) => r.model))];
  for (const model of models) {
    const ofModel = report.results.filter((r) => r.model === model);
    const showNumpy = model === 'mlp' && typeof numpy === 'object';
    lines.push(
      '',
      `### ${model === 'mlp' ? '784 → Dense 100 relu → Dropout 0.3 → Dense 10 softmax' : 'conv2d 8×3×3 relu → maxPooling 2 → flatten → Dense 10 softmax'} (${report.samples} samples, Adam)`,
      '',
      `| backend | batch | Dendrite s/epoch best (median) | tfjs-layers s/epoch best (median) | tfjs-layers / Dendrite (best) | Dendrite samples/s | peak RSS MiB (D / T) | tensor growth (D / T) |${showNumpy ? ' NumPy s/epoch best | Dendrite / NumPy |' : ''}`,
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${showNumpy ? ' ---: | ---: |' : ''}`,
    );
    const keys = [...new Set(ofModel.map((r) => `${r.backend}|${r.batchSize}`))];
    for (const key of keys) {
      const [backend, batch] = key.split('|');
      const runs = ofModel.filter((r) => r.backend === backend && String(r.batchSize) === batch);
      const d = summary(runs.filter((r) => r.framework === 'dendrite'));
      const t = summary(runs.filter((r) => r.framework === 'tfjs-layers'));
      const ratio = d && t ? `**${fixed(t.seconds / d.seconds, 2)}×**` : '–';
      let numpyCells = '';
      if (showNumpy) {
        const np = numpy.results.find((r) => String(r.batchSize) === batch);
        const best = np ? Math.min(...np.epochSeconds) : undefined;
        numpyCells = ` ${fixed(best, 3)} | ${d && best ? `${fixed(d.seconds / best, 1)}×` : '–'} |`;
      }
      lines.push(
        `| ${backend} | ${batch} | ${fixed(d?.seconds, 3)} (${fixed(d?.medianSeconds, 3)}) | ${fixed(t?.seconds, 3)} (${fixed(t?.medianSeconds, 3)}) | ${ratio} | ${fixed(d?.samplesPerSecond, 0)} | ${fixed(d?.rss, 0)} / ${fixed(t?.rss, 0)} | ${d?.growth ?? '–'} / ${t?.growth ?? '–'} |${numpyCells}`,
      );
    }
  }
  if (typeof numpy === 'string') lines.push('', `NumPy ceiling not measured: ${numpy}`);
  else if (numpy) lines.push('', `NumPy ${numpy.numpy} (${numpy.blas}), ${numpy.samples} samples.`);
  for (const skip of report.skipped) lines.push(`- skipped ${skip}`);
  return lines.join('\n');
}
