import * as tf from '@dendrite/tensor';
import {
  expectGradientMatchesFiniteDifference,
  expectInputGradient,
  expectMatchesTfjsLayer,
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
