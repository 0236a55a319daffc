import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as dd from './node.js';

const { tf } = dd;
const ROWS = 256;
const CLASSES = 10;

interface Run {
  readonly history: Record<string, number[]>;
  readonly weights: number[][];
  /** `tf.memory().numTensors` after the second fit minus before it (the optimizer's state exists). */
  readonly growth: number;
  /** Calls of `DendriteDenseChainGrad` (one step each) in the first fit. */
  readonly chainSteps: number;
  /** Calls of `DendriteDenseChainSteps` (several steps each) in the first fit. */
  readonly groups: number;
}

type FitOptions = dd.ModelFitArgs;

/** How the labels come: one-hot float32 rows, or class indices with a sparse loss. */
type Labels = 'oneHot' | 'indices' | 'indexColumn';

/** The book's model (features → 100 relu → Dropout 0.3 → 10 softmax), seeded, two fits of an epoch. */
async function bookFit(
  features: number,
  batchSize: number,
  extra: FitOptions = {},
  optimizer: () => dd.optimizers.Optimizer | string = () => 'adam',
  labelsAs: Labels = 'oneHot',
): Promise<Run> {
  dd.setSeed(3);
  const random = tf.createRandom(11);
  const values = Float32Array.from({ length: ROWS * features }, () => random.next());
  const labels = Int32Array.from({ length: ROWS }, () => random.nextInt(CLASSES));
  const x = tf.tensor2d(values, [ROWS, features]);
  const y =
    labelsAs === 'oneHot'
      ? tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).cast('float32'))
      : labelsAs === 'indices'
        ? tf.tensor1d(labels, 'int32')
        : tf.tensor2d(Float32Array.from(labels), [ROWS, 1]);
  const model = dd.sequential({
    layers: [
      dd.layers.dense({ units: 100, activation: 'relu', inputShape: [features] }),
      dd.layers.dropout({ rate: 0.3 }),
      dd.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  const loss = labelsAs === 'oneHot' ? 'categoricalCrossentropy' : 'sparseCategoricalCrossentropy';
  const metrics = labelsAs === 'indexColumn' ? ['sparseCategoricalAccuracy'] : ['accuracy'];
  model.compile({ optimizer: optimizer(), loss, metrics });
  const options = { epochs: 1, batchSize, validationSplit: 0.25, verbose: 0, ...extra } as const;
  const runKernel = vi.spyOn(tf.engine(), 'runKernel');
  const first = await model.fit(x, y, options);
  const calls = (name: string) => runKernel.mock.calls.filter(([n]) => n === name).length;
  const chainSteps = calls(tf.DendriteDenseChainGrad);
  const groups = calls(tf.DendriteDenseChainSteps);
  runKernel.mockRestore();
  const before = tf.memory().numTensors;
  const second = await model.fit(x, y, options);
  const growth = tf.memory().numTensors - before;
  const run: Run = {
    history: { ...first.history, second: second.history.loss } as Record<string, number[]>,
    weights: model.getWeights().map((w) => Array.from(w.dataSync())),
    growth,
    chainSteps,
    groups,
  };
  tf.dispose([x, y]);
  model.dispose();
  return run;
}

/** `run()` with the active backend's kernels `names` unregistered. */
async function without<T>(names: readonly string[], run: () => Promise<T>): Promise<T> {
  const backend = tf.getBackend();
  const kernels = names.map((name) => {
    const kernel = tf.getKernel(name, backend);
    if (kernel === undefined) throw new Error(`${backend} has no ${name}`);
    tf.unregisterKernel(name, backend);
    return kernel;
  });
  try {
    return await run();
  } finally {
    for (const kernel of kernels) tf.registerKernel(kernel);
  }
}

describe('fit on the native backend through the chain kernels', () => {
  beforeAll(async () => {
    await dd.useBackend('native', { log: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  // 784 × 100 at batch 128 splits the products and Adam across the addon's threads; Adam writes
  // into the variables' own memory, and the step leaves those variables as they are. 192
  // training rows: batch 128 leaves a last batch of 64, batch 16 makes 12 steps. Class indices
  // (sparse loss, the automatic or the sparse accuracy) are made one-hot once per fit.
  it.each<[number, number, Labels]>([
    [784, 128, 'oneHot'],
    [20, 16, 'oneHot'],
    [20, 16, 'indices'],
    [20, 16, 'indexColumn'],
  ])(
    'groups of steps, one step a call and the per-layer path agree to the bit (%i features, batch %i, %s labels)',
    async (features, batch, labelsAs) => {
      const fit = () => bookFit(features, batch, {}, undefined, labelsAs);
      const grouped = await fit();
      const single = await without([tf.DendriteDenseChainSteps], fit);
      const perLayer = await without([tf.DendriteDenseChainSteps, tf.DendriteDenseChainGrad], fit);
      const steps = Math.ceil(192 / batch);
      expect(grouped.chainSteps).toBe(0);
      expect(grouped.groups).toBeGreaterThan(0);
      expect(grouped.groups).toBeLessThan(steps);
      expect([single.chainSteps, single.groups]).toEqual([steps, 0]);
      expect([perLayer.chainSteps, perLayer.groups]).toEqual([0, 0]);
      expect(grouped.weights).toEqual(perLayer.weights);
      expect(single.weights).toEqual(perLayer.weights);
      expect(grouped.history).toEqual(perLayer.history);
      expect(single.history).toEqual(perLayer.history);
      expect(grouped.history.loss?.every(Number.isFinite)).toBe(true);
      expect([grouped.growth, single.growth, perLayer.growth]).toEqual([0, 0, 0]);
    },
  );

  it('takes the samples in their own order, and cycles through them for stepsPerEpoch', async () => {
    // 192 training rows at batch 16 are 12 batches; 20 steps go round once and on to batch 7.
    const options = { shuffle: false, stepsPerEpoch: 20 };
    const grouped = await bookFit(20, 16, options);
    const perLayer = await without([tf.DendriteDenseChainSteps, tf.DendriteDenseChainGrad], () =>
      bookFit(20, 16, options),
    );
    expect(grouped.groups).toBeGreaterThan(0);
    expect(perLayer.groups + perLayer.chainSteps).toBe(0);
    expect(grouped.weights).toEqual(perLayer.weights);
    expect(grouped.history).toEqual(perLayer.history);
  });

  it('stops grouping when a callback freezes a layer mid-fit, as the step-by-step path does', async () => {
    /** Freezes the first Dense layer when epoch 1 begins (no batch hook: grouping stays on). */
    class FreezeFirst extends dd.callbacks.Callback {
      override onEpochBegin(epoch: number): void {
        const model = this.model as unknown as { layers: Array<{ trainable: boolean }> };
        if (epoch === 1 && model.layers[0]) model.layers[0].trainable = false;
      }
    }
    const options = () => ({ epochs: 2, callbacks: [new FreezeFirst()] });
    const grouped = await bookFit(20, 16, options());
    const perLayer = await without([tf.DendriteDenseChainSteps, tf.DendriteDenseChainGrad], () =>
      bookFit(20, 16, options()),
    );
    expect(grouped.groups).toBeGreaterThan(0);
    expect(grouped.weights).toEqual(perLayer.weights);
    expect(grouped.history).toEqual(perLayer.history);
  });

  it('hands every step back when Adam is not the plain rule (AMSGrad), with the same numbers', async () => {
    const amsgrad = () => dd.optimizers.adam({ amsgrad: true });
    const fallback = await bookFit(20, 16, {}, amsgrad);
    const perLayer = await without([tf.DendriteDenseChainSteps, tf.DendriteDenseChainGrad], () =>
      bookFit(20, 16, {}, amsgrad),
    );
    expect([fallback.groups, fallback.chainSteps]).toEqual([0, 12]);
    expect(fallback.weights).toEqual(perLayer.weights);
    expect(fallback.history).toEqual(perLayer.history);
    expect(fallback.growth).toBe(0);
  });

  it('runs each step alone while a callback watches every batch, with the same numbers', async () => {
    const seen: number[] = [];
    const watched = await bookFit(20, 16, {
      callbacks: { onBatchEnd: (batch) => void seen.push(batch) },
    });
    const grouped = await bookFit(20, 16, { callbacks: { onEpochEnd: () => {} } });
    expect([watched.groups, watched.chainSteps]).toEqual([0, 12]);
    expect(seen.slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(grouped.groups).toBeGreaterThan(0);
    expect(grouped.weights).toEqual(watched.weights);
    expect(grouped.history).toEqual(watched.history);
  });

  it('ends groups where batch logs are read, and follows a learning rate schedule step by step', async () => {
    /** Records the batches whose end it is told of, with their logs; fine with groups. */
    class LogReader extends dd.callbacks.Callback {
      readonly ends: Array<[number, dd.callbacks.Logs | undefined]> = [];
      constructor(private readonly grouped: boolean) {
        super();
        this.batchLogsEvery = 5;
      }
      override get watchesEachTrainBatch(): boolean {
        return !this.grouped;
      }
      override onTrainBatchEnd(batch: number, logs?: dd.callbacks.Logs): void {
        this.ends.push([batch, logs && { ...logs }]);
      }
    }
    const schedule = () =>
      dd.optimizers.adam({
        learningRate: dd.optimizers.exponentialDecay({
          initialLearningRate: 0.01,
          decaySteps: 3,
          decayRate: 0.5,
        }),
      });
    const [grouped, single] = [new LogReader(true), new LogReader(false)];
    const a = await bookFit(20, 16, { callbacks: [grouped] }, schedule);
    const b = await bookFit(20, 16, { callbacks: [single] }, schedule);
    expect(a.groups).toBeGreaterThan(0);
    expect(b.groups).toBe(0);
    expect(a.weights).toEqual(b.weights);
    expect(a.history).toEqual(b.history);
    // Two fits of 12 batches: logs after batches 4 and 9 of each, the same in both runs.
    const withLogs = (reader: LogReader) => reader.ends.filter(([, logs]) => logs !== undefined);
    expect(withLogs(grouped).map(([batch]) => batch)).toEqual([4, 9, 4, 9]);
    expect(withLogs(grouped)).toEqual(withLogs(single));
    expect(grouped.ends.length).toBeLessThan(single.ends.length);
    expect(grouped.ends.at(-1)?.[0]).toBe(11);
  });
});
