import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import type { Layer } from '../src/layer.js';

/** The part of a `@tensorflow/tfjs-layers` layer that {@link expectIdentityOutsideTraining} uses. */
export interface InferenceReference {
  apply(inputs: tf.Tensor): unknown;
}

/**
 * Checks that a noise layer returns `x` unchanged outside training (no call argument and
 * `training: false`), as tfjs-layers' `theirs` does, and leaks nothing.
 * @example await expectIdentityOutsideTraining(gaussianNoise({ stddev: 1 }), tfl.layers.gaussianNoise({ stddev: 1 }), x);
 */
export async function expectIdentityOutsideTraining(
  ours: Layer,
  theirs: InferenceReference | null,
  x: tf.Tensor,
): Promise<void> {
  await expectNoLeak(() => {
    const outputs = [ours.apply(x), ours.apply(x, { training: false })];
    if (theirs !== null) outputs.push(theirs.apply(x) as tf.Tensor);
    for (const y of outputs) expectClose(y, x);
    return outputs;
  });
}

/**
 * The values of a fresh `make()` layer applied to `x` in training right after `tf.setSeed(seed)`:
 * two draws with one seed must agree.
 * @example expect(trainingDraw(() => dropout({ rate: 0.5 }), x, 42)).toEqual(trainingDraw(() => dropout({ rate: 0.5 }), x, 42));
 */
export function trainingDraw(make: () => Layer, x: tf.Tensor, seed: number): number[] {
  tf.setSeed(seed);
  const y = make().apply(x, { training: true });
  try {
    return Array.from(y.dataSync());
  } finally {
    y.dispose();
  }
}
