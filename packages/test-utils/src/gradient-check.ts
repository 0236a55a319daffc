import * as tf from '@dendrite/tensor';
import { expectClose } from './close.js';
import { expectNoLeak } from './leak-guard.js';

/** Options of {@link expectGradientMatchesFiniteDifference}. */
export interface GradientCheckOptions {
  /** Step of the central difference, in float64 arithmetic. @defaultValue 1e-3 */
  readonly epsilon?: number;
  /** @defaultValue 1e-2 */
  readonly rtol?: number;
  /** @defaultValue 1e-3 */
  readonly atol?: number;
}

/**
 * Checks `tf.grad(f)` at `x` against central finite differences of `sum(f(x))`.
 * The differences are taken on float32 tensors, so the tolerances are loose by default.
 */
export function expectGradientMatchesFiniteDifference(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  options: GradientCheckOptions = {},
): void {
  const { epsilon = 1e-3, rtol = 1e-2, atol = 1e-3 } = options;
  const scalarF = (input: tf.Tensor) => tf.sum(f(input));
  const analytic = tf.tidy(() => tf.grad(scalarF)(x));
  const base = Array.from(x.dataSync());
  const numeric = base.map((_, i) =>
    tf.tidy(() => {
      const plus = base.slice();
      const minus = base.slice();
      plus[i] = (plus[i] as number) + epsilon;
      minus[i] = (minus[i] as number) - epsilon;
      const fp = scalarF(tf.tensor(plus, x.shape)).dataSync()[0] as number;
      const fm = scalarF(tf.tensor(minus, x.shape)).dataSync()[0] as number;
      return (fp - fm) / (2 * epsilon);
    }),
  );
  try {
    expectClose(analytic, numeric, { rtol, atol, label: 'gradient' });
  } finally {
    analytic.dispose();
  }
}

/**
 * Central differences of the scalar `loss` with respect to each element of `variable`, which
 * is restored afterwards: the reference for a weight gradient.
 * @example expectClose(grads[kernel.name], variableFiniteDifference(loss, kernel));
 */
export function variableFiniteDifference(
  loss: () => tf.Scalar,
  variable: tf.Variable,
  epsilon = 1e-3,
): number[] {
  const base = Array.from(variable.dataSync());
  const at = (values: number[]) =>
    tf.tidy(() => {
      variable.assign(tf.tensor(values, variable.shape));
      return loss().dataSync()[0] as number;
    });
  const result = base.map((v, i) => {
    const plus = base.slice();
    const minus = base.slice();
    plus[i] = v + epsilon;
    minus[i] = v - epsilon;
    return (at(plus) - at(minus)) / (2 * epsilon);
  });
  tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
  return result;
}

/**
 * {@link expectGradientMatchesFiniteDifference} of `f` at `x`, then checks that taking
 * `tf.grad(f)(x)` leaves no tensors behind: the usual input-gradient check of a layer.
 * @example await expectInputGradient((v) => layer.apply(v), x);
 */
export async function expectInputGradient(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  options: GradientCheckOptions = {},
): Promise<void> {
  expectGradientMatchesFiniteDifference(f, x, options);
  await expectNoLeak(() => tf.grad((v: tf.Tensor) => f(v))(x));
}
