import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import { afterAll, describe, it } from 'vitest';

/** The shape of `fixtures/activations.json` (written by `fixtures/make_fixtures.py`). */
export interface ActivationFixtures {
  readonly x: number[];
  readonly elementwise: Record<string, number[]>;
  readonly matrix: { shape: number[]; values: number[] };
  readonly softmax: Record<string, number[]>;
  readonly logSoftmax: Record<string, number[]>;
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/activations.json', import.meta.url), 'utf8'),
) as ActivationFixtures;

/** Points away from every kink (0, ±3, 6), for finite-difference gradient checks. */
export const SMOOTH_POINTS = [-4.2, -2.1, -0.7, -0.15, 0.2, 0.9, 1.7, 3.6];

/** `fixtures.x` and {@link SMOOTH_POINTS} as tensors, freed after the calling file's tests. */
export function fixtureInputs(): { x: tf.Tensor; smooth: tf.Tensor } {
  const x = tf.tensor(fixtures.x);
  const smooth = tf.tensor(SMOOTH_POINTS);
  afterAll(() => tf.dispose([x, smooth]));
  return { x, smooth };
}

/**
 * The checks every element-wise activation gets: its values on `x` against the NumPy fixture
 * of the same name, its finite-difference gradient on `smooth`, and no leaks.
 */
export function describeElementwiseCases(
  cases: ReadonlyArray<readonly [string, (t: tf.Tensor) => tf.Tensor]>,
  x: tf.Tensor,
  smooth: tf.Tensor,
): void {
  describe.each(cases)('%s', (name, fn) => {
    it('matches the NumPy reference', () => {
      const y = fn(x);
      expectClose(y, fixtures.elementwise[name] as number[], { label: name });
      y.dispose();
    });

    it('has the finite-difference gradient', () => {
      expectGradientMatchesFiniteDifference(fn, smooth);
    });

    it('leaks nothing', async () => {
      await expectNoLeak(() => fn(x));
      await expectNoLeak(() => tf.grad((t: tf.Tensor) => tf.sum(fn(t)))(smooth));
    });
  });
}
