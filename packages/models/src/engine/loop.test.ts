import type { History } from '@dendrite/callbacks';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import type { LayersModel } from '../layers-model.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

// Twelve samples of three features; labels are class ids of three classes.
const rows = Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(1.3 * i), (i % 4) / 3]);
const labels = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2];

/** Two identical seeded classifiers (same initial weights), compiled with plain SGD. */
function twins(count = 2): LayersModel[] {
  return Array.from({ length: count }, () => {
    tf.setSeed(7);
    const m = own(
      sequential({
        layers: [
          dense({ units: 5, inputShape: [3], activation: 'relu' }),
          dense({ units: 3, activation: 'softmax' }),
        ],
      }),
    );
    m.compile({
      optimizer: { className: 'SGD', config: { learningRate: 0.3 } },
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    return m;
  });
}

/** A tfjs-data-like source: `iterator()` starts a pass over `{xs, ys}` batches of `size`. */
function batches(size: number, from = 0, to = rows.length) {
  return {
    async iterator() {
      let start = from;
      return {
        async next(): Promise<IteratorResult<{ xs: tf.Tensor; ys: tf.Tensor }>> {
          if (start >= to) return { done: true, value: undefined };
          const end = Math.min(start + size, to);
          const value = {
            xs: tf.tensor2d(rows.slice(start, end)),
            ys: tf.tensor1d(labels.slice(start, end)),
          };
          start = end;
          return { done: false, value };
        },
      };
    },
  };
}

async function weightsOf(m: LayersModel): Promise<number[][]> {
  const weights = m.getWeights();
  const values = await Promise.all(weights.map(async (w) => Array.from(await w.data())));
  tf.dispose(weights);
  return values;
}

describe('one epoch loop', () => {
  it('fit(x, y), fitDataset(ds) and fit(ds) over the same batches give identical histories and weights', async () => {
    const [a, b, c] = twins(3) as [LayersModel, LayersModel, LayersModel];
    const x = own(tf.tensor2d(rows.slice(0, 8)));
    const y = own(tf.tensor1d(labels.slice(0, 8)));
    const vx = own(tf.tensor2d(rows.slice(8)));
    const vy = own(tf.tensor1d(labels.slice(8)));
    const common = { epochs: 3, verbose: 0 as const };
    const fromTensors = await a.fit(x, y, {
      ...common,
      batchSize: 3,
      shuffle: false,
      validationData: [vx, vy],
      validationBatchSize: 2,
    });
    const fromDataset = await b.fitDataset(batches(3, 0, 8), {
      ...common,
      validationData: batches(2, 8),
    });
    const fromFit = await c.fit(batches(3, 0, 8), { ...common, validationData: [vx, vy] });
    const history = (h: History) => h.history;
    expect(Object.keys(fromTensors.history)).toEqual([
      'loss',
      'accuracy',
      'val_loss',
      'val_accuracy',
    ]);
    expect(history(fromDataset)).toEqual(history(fromTensors));
    expect(history(fromFit)).toEqual(history(fromTensors));
    const wa = await weightsOf(a);
    expect(await weightsOf(b)).toEqual(wa);
    expect(await weightsOf(c)).toEqual(wa);
    // Once the optimizer and metric state exist, another run leaves the tensor count as it was.
    const before = tf.memory().numTensors;
    await c.fit(batches(3, 0, 8), { ...common, validationData: batches(2, 8) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluate and predict take a dataset, matching tensors', async () => {
    const [m] = twins(1) as [LayersModel];
    const x = own(tf.tensor2d(rows));
    const y = own(tf.tensor1d(labels));
    const x5 = own(tf.tensor2d(rows.slice(0, 5)));
    const y5 = own(tf.tensor1d(labels.slice(0, 5)));
    const fromTensors = await m.evaluate(x, y, { batchSize: 5, verbose: 0 });
    const before = tf.memory().numTensors;
    const fromDataset = await m.evaluate(batches(5), { verbose: 0 });
    expect(fromDataset).toEqual(fromTensors);
    // `steps` reads only the first batches: the first 5 samples here.
    const head = await m.evaluate(batches(5), { verbose: 0, steps: 1 });
    expect(head).toEqual(await m.evaluate(x5, y5, { verbose: 0 }));
    const predicted = (await m.predict(batches(5))) as tf.Tensor;
    const direct = m.predict(x) as tf.Tensor;
    expect(predicted.shape).toEqual([12, 3]);
    expect(Array.from(await predicted.data())).toEqual(Array.from(await direct.data()));
    tf.dispose([predicted, direct]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stepsPerEpoch and its tfjs-layers alias batchesPerEpoch are one option', async () => {
    const [a, b] = twins() as [LayersModel, LayersModel];
    const ha = await a.fit(batches(4), { epochs: 2, verbose: 0, stepsPerEpoch: 2 });
    const hb = await b.fitDataset(batches(4), { epochs: 2, verbose: 0, batchesPerEpoch: 2 });
    expect(ha.history).toEqual(hb.history);
    await expect(
      a.fitDataset(batches(4), { verbose: 0, batchesPerEpoch: 2, stepsPerEpoch: 3 }),
    ).rejects.toThrow(
      `${a.name}.fitDataset: give \`stepsPerEpoch\` or its tfjs-layers alias \`batchesPerEpoch\`, not both; received 3 and 2`,
    );
  });

  it('a dataset gets the same option checks as tensors, and tensor-only options are refused', async () => {
    const [m] = twins(1) as [LayersModel];
    const name = m.name;
    const y = own(tf.tensor1d(labels));
    const before = tf.memory().numTensors;
    await expect(
      m.fitDataset(batches(4), { verbose: 0, validationData: batches(4), validationFreq: 0 }),
    ).rejects.toThrow(`${name}.fitDataset: \`validationFreq\` must be an integer >= 1; received 0`);
    await expect(
      m.fitDataset(batches(4), {
        verbose: 0,
        validationData: batches(4),
        validationFreq: [1, 1.5],
      }),
    ).rejects.toThrow(
      `${name}.fitDataset: \`validationFreq[1]\` must be an integer >= 1; received 1.5`,
    );
    await expect(m.fitDataset(batches(4), { verbose: 0, validationBatchSize: -2 })).rejects.toThrow(
      `${name}.fitDataset: \`validationBatchSize\` must be an integer >= 1; received -2`,
    );
    await expect(m.fit(batches(4), { verbose: 0, batchSize: 8 } as never)).rejects.toThrow(
      `${name}.fit: \`batchSize\` applies to tensor data only`,
    );
    await expect(m.fit(batches(4), y as never)).rejects.toThrow(
      `${name}.fit: \`y\` must not be given with a dataset`,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dataset elements that are not {xs, ys} or [x, y] get a named error, without leaking', async () => {
    const [m] = twins(1) as [LayersModel];
    const before = tf.memory().numTensors;
    const wrongKeys = [{ x: tf.zeros([2, 3]), y: tf.zeros([2]) }];
    await expect(m.fitDataset(wrongKeys as never, { verbose: 0 })).rejects.toThrow(
      `${m.name}.fitDataset: each dataset element must be {xs, ys} or [x, y], with tensors or lists of tensors; element 0 of epoch 0 is an object with keys {x, y}`,
    );
    await expect(m.fitDataset([tf.zeros([2, 3])] as never, { verbose: 0 })).rejects.toThrow(
      'element 0 of epoch 0 is a tensor of shape [2, 3]',
    );
    await expect(m.fitDataset([{ xs: [1, 2], ys: 3 }] as never, { verbose: 0 })).rejects.toThrow(
      'element 0 of epoch 0 is an object with keys {xs, ys}',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('plain hook objects as callbacks (tfjs-layers CustomCallbackArgs)', () => {
  it('run like the LambdaCallback made of the same hooks, alone, in an array, and in fitDataset', async () => {
    const [a, b, c] = twins(3) as [LayersModel, LayersModel, LayersModel];
    const x = own(tf.tensor2d(rows));
    const y = own(tf.tensor1d(labels));
    const seen: Record<string, string[]> = { plain: [], lambda: [], dataset: [] };
    const hooks = (name: string) => ({
      onEpochBegin: (epoch: number) => void seen[name]?.push(`begin ${epoch}`),
      onBatchEnd: (batch: number, logs?: Record<string, number>) =>
        void seen[name]?.push(`batch ${batch} ${logs?.loss}`),
      onEpochEnd: async (epoch: number, logs?: Record<string, number>) =>
        void seen[name]?.push(`end ${epoch} ${logs?.loss} ${logs?.accuracy}`),
    });
    const args = { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 as const };
    await a.fit(x, y, { ...args, callbacks: hooks('plain') });
    const { LambdaCallback } = await import('@dendrite/callbacks');
    await b.fit(x, y, { ...args, callbacks: [new LambdaCallback(hooks('lambda'))] });
    await c.fitDataset(batches(4), { epochs: 2, verbose: 0, callbacks: [hooks('dataset')] });
    expect(seen.plain).toHaveLength(2 * (2 + 3));
    expect(seen.plain?.[1]).toMatch(/^batch 0 \d\.\d+$/);
    expect(seen.plain?.at(-1)).toMatch(/^end 1 \d\.\d+ \d(\.\d+)?$/);
    expect(seen.plain).toEqual(seen.lambda);
    expect(seen.dataset).toEqual(seen.lambda);
  });

  it('refuse a hook that is not a function, an unknown hook and a non-object, naming it', async () => {
    const [m] = twins(1) as [LayersModel];
    const x = own(tf.tensor2d(rows));
    const y = own(tf.tensor1d(labels));
    const before = tf.memory().numTensors;
    const fit = (callbacks: unknown) =>
      m.fit(x, y, { epochs: 1, verbose: 0, callbacks: callbacks as never });
    await expect(fit({ onEpochEnd: 3 })).rejects.toThrow(/onEpochEnd.*function.*3/s);
    await expect(fit([{ onEpochFinish: () => {} }])).rejects.toThrow(/onEpochFinish/);
    await expect(fit([() => {}])).rejects.toThrow(/callbacks\[0\].*object of hook functions/);
    await expect(fit([null])).rejects.toThrow(/callbacks\[0\].*null/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
