import * as tf from '@dendrite/tensor';
import { expect } from 'vitest';
import { expectClose } from './close.js';

/** The part of one of our layers that {@link expectMatchesTfjsLayer} uses. */
export interface OracleSubject {
  apply(inputs: tf.Tensor): unknown;
  getWeights(): tf.Tensor[];
  computeOutputShape(inputShape: (number | null)[]): unknown;
}

/** The part of a `@tensorflow/tfjs-layers` layer that {@link expectMatchesTfjsLayer} uses. */
export interface OracleReference {
  apply(inputs: tf.Tensor): unknown;
  setWeights(weights: tf.Tensor[]): void;
}

/** Options of {@link expectMatchesTfjsLayer}. */
export interface OracleOptions {
  /** Absolute tolerance of the output comparison. @defaultValue 1e-5 */
  readonly atol?: number;
  /** Also compare `computeOutputShape` with the actual outputs. @defaultValue true */
  readonly checkOutputShape?: boolean;
}

/**
 * Runs `ours` on `x` (building it), gives tfjs-layers' `theirs` the same weights, and asserts
 * both give the same outputs (one tensor or a list) and that `ours.computeOutputShape` of `x`'s
 * shape, batch left open, matches the outputs. Disposes everything it made; `x` and the layers
 * stay with the caller.
 * @example expectMatchesTfjsLayer(conv2d(args), tfl.layers.conv2d(args), x);
 */
export function expectMatchesTfjsLayer(
  ours: OracleSubject,
  theirs: OracleReference,
  x: tf.Tensor,
  options: OracleOptions = {},
): void {
  const { atol = 1e-5, checkOutputShape = true } = options;
  const y = ours.apply(x) as tf.Tensor | tf.Tensor[];
  tf.dispose(theirs.apply(x) as tf.Tensor | tf.Tensor[]);
  const weights = ours.getWeights();
  theirs.setWeights(weights);
  const expected = theirs.apply(x) as tf.Tensor | tf.Tensor[];
  const ys = Array.isArray(y) ? y : [y];
  const es = Array.isArray(expected) ? expected : [expected];
  try {
    expect(ys).toHaveLength(es.length);
    for (const [i, t] of ys.entries()) {
      expectClose(t, es[i] as tf.Tensor, { atol, label: `output ${i}` });
    }
    if (checkOutputShape) {
      const shapes = ys.map((t) => [null, ...t.shape.slice(1)]);
      const predicted = ours.computeOutputShape([null, ...x.shape.slice(1)]);
      expect(predicted).toEqual(Array.isArray(y) ? shapes : shapes[0]);
    }
  } finally {
    tf.dispose([...ys, ...es, ...weights]);
  }
}
