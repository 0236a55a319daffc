import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { describeElementwiseCases, fixtureInputs } from '../test/fixtures.js';
import { gelu, mish, silu, swish } from './gated.js';

const { x, smooth } = fixtureInputs();

const cases: [string, (t: tf.Tensor) => tf.Tensor][] = [
  ['gelu', (t) => gelu(t)],
  ['gelu_approximate', (t) => gelu(t, { approximate: true })],
  ['swish', swish],
  ['mish', mish],
];

describeElementwiseCases(cases, x, smooth);

describe('gelu', () => {
  it('uses the exact erf form by default', () => {
    // x = 1: exact 0.5 * (1 + erf(1/√2)) = 0.8413447; tanh form gives 0.8411920
    const exact = gelu(tf.tensor([1]));
    const approx = gelu(tf.tensor([1]), { approximate: true });
    expectClose(exact, [0.8413447460685429], { atol: 1e-7 });
    expectClose(approx, [0.8411919906082768], { atol: 1e-7 });
    tf.dispose([exact, approx]);
  });

  it('keeps the tanh form and its gradient finite where x³ overflows float32', () => {
    const huge = tf.tensor([-1e20, 1e20]);
    const y = gelu(huge, { approximate: true });
    const g = tf.grad((t: tf.Tensor) => tf.sum(gelu(t, { approximate: true })))(huge);
    expectClose(y, [0, 1e20]);
    expectClose(g, [0, 1]);
    tf.dispose([huge, y, g]);
  });

  it('rejects a non-boolean approximate', () => {
    expect(() => gelu(x, { approximate: 'yes' as unknown as boolean })).toThrow(
      'gelu: `approximate` must be a boolean; received "yes"',
    );
  });
});

describe('silu', () => {
  it('is swish', () => {
    expect(silu).toBe(swish);
  });
});
