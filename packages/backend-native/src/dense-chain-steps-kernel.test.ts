import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';

const [SAMPLES, FEATURES, HIDDEN, CLASSES] = [40, 20, 9, 5];
const WEIGHTS = ['kernel0', 'bias0', 'kernel1', 'bias1'];
const LAYERS: tf.DenseChainLayer[] = [
  { activation: 'relu', hasBias: true, dropoutRate: 0, dropoutSeed: 0 },
  { activation: 'linear', hasBias: true, dropoutRate: 0.3, dropoutSeed: 0 },
];
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
/** Three steps of 12, 12 and 16 rows (the last one longer), each with its alpha and seeds. */
const STEPS: tf.DenseChainStep[] = [
  { start: 0, rows: 12, alpha: 0.003, dropoutSeeds: [0, 111] },
  { start: 12, rows: 12, alpha: 0.002, dropoutSeeds: [0, 2 ** 32 - 5] },
  { start: 24, rows: 16, alpha: 0.001, dropoutSeeds: [0, 333] },
];
/** A fixed shuffle of the samples. */
const ORDER = Int32Array.from({ length: SAMPLES }, (_, i) => (i * 17) % SAMPLES);

/** All the samples, the weights and their moments, as one call's inputs. */
function stepsInputs(): Record<string, tf.Tensor> {
  const inputs: Record<string, tf.Tensor> = {
    x: randomTensor([SAMPLES, FEATURES], 1),
    labels: tf.tidy(() =>
      tf
        .oneHot(
          Array.from({ length: SAMPLES }, (_, i) => (i * 7) % CLASSES),
          CLASSES,
        )
        .cast('float32'),
    ),
    kernel0: randomTensor([FEATURES, HIDDEN], 2),
    bias0: randomTensor([HIDDEN], 3),
    kernel1: randomTensor([HIDDEN, CLASSES], 4),
    bias1: randomTensor([CLASSES], 5),
  };
  WEIGHTS.forEach((name, i) => {
    const shape = inputs[name]?.shape as number[];
    inputs[`${name}_m`] = tf.tidy(() => tf.mul(randomTensor(shape, 10 + i), 0.01));
    inputs[`${name}_v`] = tf.tidy(() => tf.mul(tf.square(randomTensor(shape, 20 + i)), 1e-4));
  });
  return inputs;
}

/** Rows where the first largest label is the first largest logit (no ties in these logits). */
function hits(logits: Float32Array, labels: Float32Array): number {
  const argmax = (a: Float32Array, row: number) => {
    let best = 0;
    for (let c = 1; c < CLASSES; c++)
      if ((a[row * CLASSES + c] as number) > (a[row * CLASSES + best] as number)) best = c;
    return best;
  };
  let count = 0;
  for (let row = 0; row < logits.length / CLASSES; row++)
    count += argmax(logits, row) === argmax(labels, row) ? 1 : 0;
  return count;
}

/**
 * The reference: one `DendriteDenseChainGrad` with Adam per step, on the step's rows gathered by
 * `tf.gather`, each step on the weights the last one left. Each step's loss and hits, then every
 * weight's `[w, m, v]` values.
 */
function stepByStep(inputs: Record<string, tf.Tensor>, order: Int32Array | undefined) {
  let state: Record<string, tf.Tensor> = Object.fromEntries(
    Object.entries(inputs)
      .filter(([name]) => name !== 'x' && name !== 'labels')
      .map(([name, t]) => [name, tf.clone(t)]),
  );
  const losses: number[] = [];
  const hitCounts: number[] = [];
  for (const step of STEPS) {
    const rows = Array.from(
      { length: step.rows },
      (_, k) => order?.[step.start + k] ?? step.start + k,
    );
    const x = tf.gather(inputs.x as tf.Tensor, rows);
    const labels = tf.gather(inputs.labels as tf.Tensor, rows);
    const layers = LAYERS.map((layer, i) => ({ ...layer, dropoutSeed: step.dropoutSeeds[i] }));
    const attrs = { layers, epsilon: 1e-7, adam: { alpha: step.alpha, ...ADAM } };
    const [loss, logits, ...updates] = tf
      .engine()
      .runKernel(
        tf.DendriteDenseChainGrad,
        { x, labels, ...state },
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
    losses.push((loss as tf.Tensor).dataSync()[0] as number);
    hitCounts.push(
      hits((logits as tf.Tensor).dataSync() as Float32Array, labels.dataSync() as Float32Array),
    );
    const next: Record<string, tf.Tensor> = {};
    WEIGHTS.forEach((name, i) => {
      [name, `${name}_m`, `${name}_v`].forEach((key, k) => {
        next[key] = tf.clone(updates[3 * i + k] as tf.Tensor);
      });
    });
    tf.dispose([
      x,
      labels,
      loss as tf.Tensor,
      logits as tf.Tensor,
      ...updates,
      ...Object.values(state),
    ]);
    state = next;
  }
  const weights = WEIGHTS.flatMap((name) =>
    [name, `${name}_m`, `${name}_v`].map((key) => Array.from((state[key] as tf.Tensor).dataSync())),
  );
  tf.dispose(Object.values(state));
  return { losses, hits: hitCounts, weights };
}

function runSteps(inputs: Record<string, tf.Tensor>, steps = STEPS): tf.Tensor[] {
  const attrs = { layers: LAYERS, epsilon: 1e-7, adam: ADAM, steps, accuracy: true };
  return tf
    .engine()
    .runKernel(
      tf.DendriteDenseChainSteps,
      inputs,
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
}

/** `inputs`' weights and moments as variables nothing else holds (the kernel steps them in place). */
function asVariables(inputs: Record<string, tf.Tensor>): Record<string, tf.Tensor> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, t]) => {
      if (name === 'x' || name === 'labels' || name === 'order') return [name, t];
      const variable = tf.variable(t, false);
      t.dispose();
      return [name, variable];
    }),
  );
}

describeKernels('DendriteDenseChainSteps on dendrite-native', () => {
  it.each([true, false])(
    'runs three steps in one call, each the one-step kernel on its gathered rows, to the bit (order: %s)',
    (ordered) => {
      const inputs = stepsInputs();
      const order = ordered ? ORDER : undefined;
      const expected = stepByStep(inputs, order);
      const owned = asVariables(inputs);
      if (order) owned.order = tf.tensor1d(order, 'int32');
      const before = { ...addonCalls };
      const [losses, hitCounts, ...updates] = runSteps(owned);
      expect(addonCalls.denseChainSteps).toBe((before.denseChainSteps ?? 0) + 1);
      expect(addonCalls.denseChainGrad ?? 0).toBe(before.denseChainGrad ?? 0);
      expect(Array.from((losses as tf.Tensor).dataSync())).toEqual(expected.losses);
      expect(Array.from((hitCounts as tf.Tensor).dataSync())).toEqual(expected.hits);
      expect(updates.map((t) => Array.from(t.dataSync()))).toEqual(expected.weights);
      // Variables nothing else holds take the steps in their own memory.
      WEIGHTS.forEach((name, i) => {
        expect(updates[3 * i]?.dataId).toBe(owned[name]?.dataId);
      });
      tf.dispose([losses as tf.Tensor, hitCounts as tf.Tensor, ...updates]);
      tf.dispose(Object.values(owned));
    },
  );

  it('checks every step before the first one changes a weight, and leaves no tensor behind', () => {
    const owned = asVariables(stepsInputs());
    const bad = Int32Array.from(ORDER);
    bad[30] = SAMPLES + 59;
    owned.order = tf.tensor1d(bad, 'int32');
    const kernel0 = Array.from((owned.kernel0 as tf.Tensor).dataSync());
    const before = tf.memory().numTensors;
    expect(() => runSteps(owned)).toThrow(/order\[30\] = 99 is not a sample of x \(40 samples\)/);
    const tooLong = [...STEPS.slice(0, 2), { ...(STEPS[2] as tf.DenseChainStep), rows: 17 }];
    expect(() => runSteps(owned, tooLong)).toThrow(/`steps\[2\]`.*rows.*an integer in \[1, 16\]/);
    const noSeeds = [{ ...(STEPS[0] as tf.DenseChainStep), dropoutSeeds: [1] }];
    expect(() => runSteps(owned, noSeeds)).toThrow(/dropoutSeeds.*an array of 2 integers/);
    expect(() => runSteps(owned, [])).toThrow(/`steps`.*a non-empty array/);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from((owned.kernel0 as tf.Tensor).dataSync())).toEqual(kernel0);
    tf.dispose(Object.values(owned));
  });
});
