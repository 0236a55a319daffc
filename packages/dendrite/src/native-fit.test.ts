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
  /** Steps that ran `DendriteDenseChainGrad`. */
  readonly chainSteps: number;
}

/** The book's model (features → 100 relu → Dropout 0.3 → 10 softmax), seeded, two fits of an epoch. */
async function bookFit(features: number, batchSize: number): Promise<Run> {
  dd.setSeed(3);
  const random = tf.createRandom(11);
  const values = Float32Array.from({ length: ROWS * features }, () => random.next());
  const labels = Int32Array.from({ length: ROWS }, () => random.nextInt(CLASSES));
  const x = tf.tensor2d(values, [ROWS, features]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).cast('float32'));
  const model = dd.sequential({
    layers: [
      dd.layers.dense({ units: 100, activation: 'relu', inputShape: [features] }),
      dd.layers.dropout({ rate: 0.3 }),
      dd.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const options = { epochs: 1, batchSize, validationSplit: 0.25, verbose: 0 } as const;
  const runKernel = vi.spyOn(tf.engine(), 'runKernel');
  const first = await model.fit(x, y, options);
  const chainSteps = runKernel.mock.calls.filter(([n]) => n === tf.DendriteDenseChainGrad).length;
  runKernel.mockRestore();
  const before = tf.memory().numTensors;
  const second = await model.fit(x, y, options);
  const growth = tf.memory().numTensors - before;
  const run: Run = {
    history: { ...first.history, second: second.history.loss } as Record<string, number[]>,
    weights: model.getWeights().map((w) => Array.from(w.dataSync())),
    growth,
    chainSteps,
  };
  tf.dispose([x, y]);
  model.dispose();
  return run;
}

describe('fit on the native backend through the one-call chain step', () => {
  beforeAll(async () => {
    await dd.useBackend('native', { log: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  // 784 × 100 at batch 128 splits the products and Adam across the addon's threads; Adam writes
  // into the variables' own memory, and the step leaves those variables as they are.
  it.each([
    [784, 128],
    [20, 16],
  ])('equals the per-layer path to the bit (%i features, batch %i)', async (features, batch) => {
    const backend = tf.getBackend();
    const chain = await bookFit(features, batch);
    const kernel = tf.getKernel(tf.DendriteDenseChainGrad, backend);
    if (kernel === undefined) throw new Error(`${backend} has no DendriteDenseChainGrad`);
    tf.unregisterKernel(tf.DendriteDenseChainGrad, backend);
    let perLayer: Run;
    try {
      perLayer = await bookFit(features, batch);
    } finally {
      tf.registerKernel(kernel);
    }
    // 192 training rows: every batch of the first fit went through the chain, none without it.
    expect([chain.chainSteps, perLayer.chainSteps]).toEqual([Math.ceil(192 / batch), 0]);
    expect(chain.weights).toEqual(perLayer.weights);
    expect(chain.history).toEqual(perLayer.history);
    expect(chain.history.loss?.every(Number.isFinite)).toBe(true);
    expect([chain.growth, perLayer.growth]).toEqual([0, 0]);
  });
});
