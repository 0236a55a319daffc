import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import * as tf from '../index.js';

tf.registerDendriteKernels();

/** The composed ops the kernel replaces (the engine's former metric code), the oracle. */
function composedHits(labels: tf.Tensor, logits: tf.Tensor): number {
  return tf
    .tidy(() =>
      tf.sum(
        tf.cast(tf.equal(tf.argMax(labels, -1), tf.argMax(tf.softmax(logits), -1)), 'float32'),
      ),
    )
    .dataSync()[0] as number;
}

function fusedHits(labels: tf.Tensor, logits: tf.Tensor): number {
  const hits = tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels }) as tf.Tensor;
  const value = hits.dataSync()[0] as number;
  hits.dispose();
  return value;
}

describe('DendriteSoftmaxAccuracy (cpu)', () => {
  it('counts the rows whose label argmax is the probabilities argmax, first maximum winning', () => {
    // Row 0: argmax(p) = 2 = argmax(label): hit. Row 1: logits tie at classes 0 and 1, so p ties
    // and class 0 wins; the label is class 1: miss. Row 2: labels tie at 1 and 2, class 1 wins,
    // logits' argmax is 1: hit. Row 3: logits 1e4 apart, p = [1, 0, 0], label 0: hit.
    // Row 4: logits of 1e4 tie, so p = [0.5, 0.5, 0] ties and class 0 wins; the label is 1: miss.
    const logits = tf.tensor2d([
      [0.1, 0.2, 3],
      [2, 2, -1],
      [0, 5, 1],
      [1e4, 0, -1e4],
      [1e4, 1e4, 0],
    ]);
    const labels = tf.tensor2d([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0.5, 0.5],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(fusedHits(labels, logits)).toBe(3);
    expect(composedHits(labels, logits)).toBe(3);
    tf.dispose([logits, labels]);
  });

  it('equals the composed ops on random batches of several widths', () => {
    for (const [rows, classes, seed] of [
      [37, 10, 1],
      [64, 3, 2],
      [9, 2, 3],
    ] as const) {
      const logits = tf.randomNormal([rows, classes], 0, 2, 'float32', seed);
      const labels = tf.oneHot(tf.randomUniformInt([rows], 0, classes, seed + 10), classes);
      const floatLabels = tf.cast(labels, 'float32');
      expect(fusedHits(floatLabels, logits)).toBe(composedHits(floatLabels, logits));
      tf.dispose([logits, labels, floatLabels]);
    }
  });

  it('rejects other dtypes and shapes, naming what it received', () => {
    const logits = tf.zeros([2, 3]);
    const run = (inputs: tf.NamedTensorMap) => () =>
      tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, inputs);
    expect(run({ logits, labels: tf.zeros([2, 3], 'int32') })).toThrow(
      'DendriteSoftmaxAccuracy: `labels` must be float32; received int32',
    );
    expect(run({ logits, labels: tf.zeros([2, 4]) })).toThrow(
      '`labels` [2,4] and `logits` [2,3] must have one shape [rows, classes]',
    );
    expect(run({ logits: tf.zeros([3]), labels: tf.zeros([3]) })).toThrow(tf.ShapeError);
  });

  it('leaves one tensor, its output, on success and none on error', () => {
    const logits = tf.randomNormal([5, 4], 0, 1, 'float32', 7);
    const labels = tf.zeros([5, 4]);
    const bad = tf.zeros([5, 3]);
    const before = tf.memory().numTensors;
    const hits = tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose(hits as tf.Tensor);
    expect(() =>
      tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels: bad }),
    ).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([logits, labels, bad]);
  });
});
