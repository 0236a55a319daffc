import { LambdaCallback } from '@dendrite/callbacks';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { sequential } from '../sequential.js';
import { toHost } from './data.js';

/** One seeded run: 2 epochs with shuffling and a validation split; returns the logged numbers. */
async function run(growHeap: boolean): Promise<number[]> {
  tf.setSeed(3);
  const random = tf.createRandom(11);
  const rows = Array.from({ length: 120 }, () =>
    Array.from({ length: 6 }, () => random.nextNormal()),
  );
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(rows.map((r) => [(r[0] as number) + (r[1] as number) > 0 ? 1 : 0]));
  const m = sequential({
    layers: [
      dense({ units: 8, inputShape: [6], activation: 'relu' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  const ballast: tf.Tensor[] = [];
  // A 64 MiB tensor per epoch grows the wasm heap mid-fit, detaching views taken before.
  const grow = new LambdaCallback({
    onTrainBatchEnd: (batch) => {
      if (growHeap && batch === 1) ballast.push(tf.zeros([16 * 1024 * 1024]));
    },
    batchLogsEvery: 0,
  });
  const history = await m.fit(x, y, {
    epochs: 2,
    batchSize: 16,
    validationSplit: 0.25,
    verbose: 0,
    callbacks: grow,
  });
  tf.dispose([x, y, ...ballast]);
  m.dispose();
  return [...(history.history.loss as number[]), ...(history.history.val_loss as number[])];
}

describe('fit on wasm reads the data in place', () => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it('reads a wasm tensor as a view of its heap, not a copy', async () => {
    await tf.useBackend('wasm', { log: false });
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const host = await toHost(x);
    const heap = (
      tf.backend() as unknown as { typedArrayFromHeap(i: tf.TensorInfo): Float32Array }
    ).typedArrayFromHeap(x as unknown as tf.TensorInfo);
    expect(host.data.buffer).toBe(heap.buffer);
    expect(Array.from(host.data)).toEqual([1, 2, 3, 4]);
    x.dispose();
  });

  it('trains to the same numbers as on cpu, also when the heap grows mid-fit', async () => {
    await tf.useBackend('cpu', { log: false });
    const onCpu = await run(false);
    await tf.useBackend('wasm', { log: false });
    const before = tf.memory().numTensors;
    const onWasm = await run(false);
    const grown = await run(true);
    expect(tf.memory().numTensors).toBe(before);
    onWasm.forEach((value, i) => {
      expect(value).toBeCloseTo(onCpu[i] as number, 5);
      expect(grown[i]).toBe(value);
    });
  });
});
