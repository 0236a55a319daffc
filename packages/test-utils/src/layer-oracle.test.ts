import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import {
  expectMatchesTfjsLayer,
  type OracleReference,
  type OracleSubject,
} from './layer-oracle.js';

/** A stand-in layer `x * w` whose weight `w` can be copied, as tfjs-layers' `setWeights` does. */
function scale(w: number, outputShape = (s: (number | null)[]) => s) {
  let weight: tf.Tensor = tf.scalar(w);
  const layer: OracleSubject & OracleReference & { dispose(): void } = {
    apply: (x) => tf.mul(x, weight),
    getWeights: () => [tf.clone(weight)],
    setWeights: (weights) => {
      weight.dispose();
      weight = tf.clone(weights[0] as tf.Tensor);
    },
    computeOutputShape: outputShape,
    dispose: () => weight.dispose(),
  };
  return layer;
}

describe('expectMatchesTfjsLayer', () => {
  it('passes when the reference holding the same weights agrees, and frees what it made', () => {
    const x = tf.tensor2d([[1, -2]]);
    const ours = scale(3);
    const theirs = scale(5); // replaced by ours' weight before the compared call
    const before = tf.memory().numTensors;
    expectMatchesTfjsLayer(ours, theirs, x);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    ours.dispose();
    theirs.dispose();
  });

  it('fails on different outputs and on a wrong computeOutputShape', () => {
    const x = tf.tensor2d([[1, -2]]);
    const ours = scale(3);
    const doubling: OracleReference = {
      apply: (v) => tf.mul(v, 6),
      setWeights: () => {},
    };
    expect(() => expectMatchesTfjsLayer(ours, doubling, x)).toThrow(/output 0/);
    const wrongShape = scale(3, () => [null, 3]);
    expect(() => expectMatchesTfjsLayer(wrongShape, scale(1), x)).toThrow();
    expect(() =>
      expectMatchesTfjsLayer(wrongShape, scale(1), x, { checkOutputShape: false }),
    ).not.toThrow();
    tf.dispose(x);
  });
});
