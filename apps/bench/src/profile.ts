// Where one training step's time goes, for finding what to speed up (not a benchmark: no
// isolation, no repeats). `pnpm --filter @dendrite/bench profile <backend> <batch> [samples]
// [dendrite|tfjs|both] [mlp|cnn]` prints ms/step of the book model for each framework; with KERNELS=1
// also Dendrite's kernels per step by count and time (tf.profile; nested scopes count twice).
import * as dd from 'dendrite';
import { activateBackend, type BenchBackend } from './backends.js';
import { loadBenchData } from './data.js';
import { type BenchModel, dendriteModel, sampleShape, tfjsModel } from './models.js';

const [backend = 'wasm', batchArg = '32', samplesArg = '4096', which = 'both', modelArg = 'mlp'] =
  process.argv.slice(2);
const modelName = modelArg as BenchModel;
const batchSize = Number(batchArg);
await activateBackend(backend as BenchBackend);
const data = await loadBenchData(Number(samplesArg));
const x = dd.tf.tensor(data.images, [data.samples, ...sampleShape(modelName)]);
const y = dd.tf.tensor2d(data.labels, [data.samples, 10]);
const steps = Math.ceil(data.samples / batchSize);

async function time(label: string, fit: () => Promise<unknown>): Promise<void> {
  await fit();
  const t0 = performance.now();
  await fit();
  const ms = performance.now() - t0;
  console.log(
    `${label}: ${(ms / steps).toFixed(3)} ms/step, ${(((ms / data.samples) * 48000) / 1000).toFixed(3)} s per 48k epoch`,
  );
}
dd.setSeed(1);
if (which !== 'tfjs') {
  const model = dendriteModel(modelName);
  await time('dendrite', () => model.fit(x, y, { batchSize, epochs: 1, verbose: 0 }));
  if (process.env.KERNELS) {
    const info = await dd.tf.profile(async () => {
      await model.fit(x, y, { batchSize, epochs: 1, verbose: 0 });
      return [];
    });
    const by = new Map<string, { n: number; ms: number }>();
    for (const k of info.kernels) {
      const e = by.get(k.name) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += Number(await k.kernelTimeMs);
      by.set(k.name, e);
    }
    const rows = [...by].sort((a, b) => b[1].ms - a[1].ms);
    let total = 0;
    for (const [, e] of rows) total += e.ms;
    console.log(
      `kernels per step ${(info.kernels.length / steps).toFixed(1)}, kernel ms/step ${(total / steps).toFixed(3)}`,
    );
    for (const [name, e] of rows)
      console.log(
        `  ${name.padEnd(28)} ${(e.n / steps).toFixed(1).padStart(6)}/step ${(e.ms / steps).toFixed(4)} ms/step`,
      );
  }
}
if (which !== 'dendrite') {
  const t = tfjsModel(modelName);
  await time('tfjs-layers', () => t.fit(x, y, { batchSize, epochs: 1, verbose: 0 }));
}
