import * as tf from '@dendrite/tensor';
import {
  type CloseOptions,
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectInputGradient,
  expectMatchesTfjsLayer,
  expectNoLeak,
  type GradientCheckOptions,
  type OracleOptions,
  type OracleReference,
  type OracleSubject,
} from '@dendrite/test-utils';
import { expect } from 'vitest';
import type { Layer, LayerClass } from '../src/layer.js';
import { deserializeLayer } from '../src/registry.js';

/**
 * Checks that `config` survives both ways back into a layer: `cls.fromConfig` and the registry
 * (`deserializeLayer` by `cls.className`) each rebuild a layer whose config equals it.
 * @example expectConfigRoundTrip(Dense, dense({ units: 3 }).getConfig());
 */
export function expectConfigRoundTrip(cls: LayerClass, config: tf.ConfigDict): void {
  expect(cls.fromConfig(config).getConfig()).toEqual(config);
  expect(deserializeLayer({ className: cls.className, config }).getConfig()).toEqual(config);
}

/**
 * Checks the gradient of `sum(layer.apply(x))` with respect to `x` against finite differences.
 * @example expectLayerGradient(elu({ alpha: 2 }), tf.tensor1d([-1, 0.5]));
 */
export function expectLayerGradient(
  layer: Layer,
  x: tf.Tensor,
  options: GradientCheckOptions = {},
): void {
  expectGradientMatchesFiniteDifference((v) => layer.apply(v), x, options);
}

/**
 * {@link expectLayerGradient}, then checks that taking the gradient leaks no tensors.
 * @example await expectLayerInputGradient(layer, x);
 */
export async function expectLayerInputGradient(
  layer: Layer,
  x: tf.Tensor,
  options: GradientCheckOptions = {},
): Promise<void> {
  await expectInputGradient((v) => layer.apply(v), x, options);
}

/**
 * {@link expectMatchesTfjsLayer} on uniform random inputs in [-1, 1) of `shape`, drawn with
 * `seed`; disposes the inputs and both layers.
 * @example expectMatchesTfjsOnRandom(conv2d(args), tfl.layers.conv2d(args), [1, 5, 5, 2], 3);
 */
export function expectMatchesTfjsOnRandom(
  ours: OracleSubject & { dispose(): void },
  theirs: OracleReference & { dispose(): unknown },
  shape: number[],
  seed: number,
  options: OracleOptions = {},
): void {
  const x = tf.randomUniform(shape, -1, 1, 'float32', seed);
  try {
    expectMatchesTfjsLayer(ours, theirs, x, options);
  } finally {
    x.dispose();
    ours.dispose();
    theirs.dispose();
  }
}

/**
 * Applies `layer` to `x` and checks the output against `expected`, `computeOutputShape` (batch
 * left open) against the output's shape, and that calling it again leaks nothing.
 * @example await expectLayerOutput(maxPooling2d(), x, expected, { atol: 1e-6 });
 */
export async function expectLayerOutput(
  layer: { apply(x: tf.Tensor): tf.Tensor; computeOutputShape(shape: (number | null)[]): unknown },
  x: tf.Tensor,
  expected: tf.Tensor,
  options: CloseOptions = {},
): Promise<void> {
  const y = layer.apply(x);
  try {
    expectClose(y, expected, options);
    const shape = layer.computeOutputShape([null, ...x.shape.slice(1)]);
    expect(shape).toEqual([null, ...y.shape.slice(1)]);
  } finally {
    y.dispose();
  }
  await expectNoLeak(() => layer.apply(x));
}

/**
 * Builds `ours` and tfjs-layers' `theirs` on `x` and gives both the same weights, uniform in
 * `[low, high)` and drawn with seeds `seed`, `seed + 1`, …; returns them for the caller to
 * dispose.
 * @example const weights = shareRandomWeights(ours, theirs, x, [0.5, 1.5], 10);
 */
export function shareRandomWeights(
  ours: Layer,
  theirs: OracleReference,
  x: tf.Tensor,
  [low, high]: [number, number],
  seed: number,
): tf.Tensor[] {
  ours.build(x.shape);
  tf.dispose(theirs.apply(x) as tf.Tensor);
  const weights = ours.weights.map((w, i) =>
    tf.randomUniform(w.shape, low, high, 'float32', seed + i),
  );
  ours.setWeights(weights);
  theirs.setWeights(weights);
  return weights;
}

/**
 * tfjs-layers' 2-D `layer` applied to sequences `x` (`[batch, steps, features]`) as images of
 * width 1: the reference for a 1-D layer that tfjs-layers lacks. The caller disposes the result.
 * @example applyAsWidthOneImage(tfl.layers.upSampling2d({ size: [3, 1] }), x)
 */
export function applyAsWidthOneImage(
  layer: { apply(x: tf.Tensor): unknown },
  x: tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => tf.squeeze(layer.apply(tf.expandDims(x, 2)) as tf.Tensor, [2]));
}
