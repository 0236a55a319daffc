import * as activations from '@dendrite/activations';
import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { denseForward } from './dense-op.js';

/** The independent reference: plain ops, differentiated by tfjs autodiff. */
function plainDense(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | undefined,
  act: activations.Activation,
) {
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1] as number]) as tf.Tensor2D;
  let z: tf.Tensor = tf.matMul(flat, kernel as tf.Tensor2D);
  if (bias) z = tf.add(z, bias);
  z = tf.reshape(z, [...x.shape.slice(0, -1), kernel.shape[1] as number]);
  return act.apply(z);
}

type DenseFn = typeof denseForward;

/** Output and the gradients of Σ(out ⊙ mix) for x, kernel and bias, as plain numbers. */
function outputsAndGradients(
  fn: DenseFn,
  xShape: number[],
  act: activations.Activation,
  withBias: boolean,
) {
  return tf.tidy(() => {
    const inputs = xShape[xShape.length - 1] as number;
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 1);
    const kernel = tf.randomNormal([inputs, 5], 0, 1, 'float32', 2);
    const bias = tf.randomNormal([5], 0, 1, 'float32', 3);
    const out = fn(x, kernel, withBias ? bias : undefined, act);
    // A fixed non-uniform upstream gradient so every output element matters (Σ softmax ≡ 1
    // would give softmax a zero gradient under a plain sum).
    const mix = tf.linspace(-1, 2, out.size).reshape(out.shape);
    const grads = withBias
      ? tf.grads((a, k, b) => tf.sum(tf.mul(fn(a, k, b, act), mix)) as tf.Scalar)([x, kernel, bias])
      : tf.grads((a, k) => tf.sum(tf.mul(fn(a, k, undefined, act), mix)) as tf.Scalar)([x, kernel]);
    return [out, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

const NAMES = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'gelu', 'swish'] as const;

function compareAll(xShape: number[]): void {
  for (const name of NAMES) {
    for (const withBias of [true, false]) {
      const act = activations.get(name);
      const fast = outputsAndGradients(denseForward, xShape, act, withBias);
      const plain = outputsAndGradients(plainDense, xShape, act, withBias);
      expect(fast).toHaveLength(plain.length);
      fast.forEach((values, i) => {
        const label = `${name} bias=${withBias} ${['out', 'dx', 'dkernel', 'dbias'][i]}`;
        expectClose(values, plain[i] as number[], { atol: 1e-5, rtol: 1e-5, label });
      });
    }
  }
}

describe('denseForward', () => {
  it('computes relu(x·W + b) (hand-worked)', () => {
    // x = [[1, 2], [-1, 0]], W = [[1, -1], [2, 1]], b = [0.5, -3]
    // x·W = [[1+4, -1+2], [-1+0, 1+0]] = [[5, 1], [-1, 1]]; + b = [[5.5, -2], [-0.5, -2]]
    // relu → [[5.5, 0], [0, 0]]
    const out = tf.tidy(() =>
      denseForward(
        tf.tensor2d([
          [1, 2],
          [-1, 0],
        ]),
        tf.tensor2d([
          [1, -1],
          [2, 1],
        ]),
        tf.tensor1d([0.5, -3]),
        activations.get('relu'),
      ),
    );
    expectClose(out, [
      [5.5, 0],
      [0, 0],
    ]);
    out.dispose();
  });

  it('has hand-worked gradients for relu', () => {
    // loss = Σ relu(x·W + b) with x = [[1, 2]], W = [[1, -1], [2, 1]], b = [0, -1]
    // z = [1+4, -1+2-1] = [5, 0] → relu mask [1, 0] (relu'(0) = 0)
    // dW = xᵀ·[1, 0] = [[1, 0], [2, 0]]; dx = [1, 0]·Wᵀ = [1, 2]; db = [1, 0]
    const [dx, dw, db] = tf.grads(
      (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.sum(denseForward(x, w, b, activations.get('relu'))) as tf.Scalar,
    )([
      tf.tensor2d([[1, 2]]),
      tf.tensor2d([
        [1, -1],
        [2, 1],
      ]),
      tf.tensor1d([0, -1]),
    ]);
    expectClose(dx as tf.Tensor, [[1, 2]]);
    expectClose(dw as tf.Tensor, [
      [1, 0],
      [2, 0],
    ]);
    expectClose(db as tf.Tensor, [1, 0]);
    tf.dispose([dx, dw, db] as tf.Tensor[]);
  });

  it('matches plain ops and their autodiff for every activation, rank 2 and 3, on cpu', () => {
    compareAll([6, 4]);
    compareAll([2, 3, 4]);
  });

  it('leaks nothing, in the forward pass and under gradients', async () => {
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 4);
    const kernel = tf.randomNormal([4, 2], 0, 1, 'float32', 5);
    const bias = tf.zeros([2]);
    for (const name of ['relu', 'gelu'] as const) {
      const act = activations.get(name);
      await expectNoLeak(() => denseForward(x, kernel, bias, act));
      await expectNoLeak(() =>
        tf.grads(
          (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
            tf.sum(denseForward(a, k, b, act)) as tf.Scalar,
        )([x, kernel, bias]),
      );
    }
    tf.dispose([x, kernel, bias]);
  });

  describe('on the wasm backend', () => {
    afterAll(async () => {
      tf.env().set('IS_TEST', true);
      await tf.setBackend('cpu');
    });

    it('matches plain ops and their autodiff, with the explicit-transpose gradient', async () => {
      const choice = await tf.useBackend('wasm', { log: false });
      // tfjs' test-mode kernel leak check counts customGrad's saved copies (wasm clones copy).
      tf.env().set('IS_TEST', false);
      expect(choice.tfName).toBe('wasm');
      compareAll([6, 4]);
    });
  });
});

describe('denseForward without the input gradient', () => {
  it('gives the same kernel and bias gradients, and refuses the input gradient', () => {
    const relu = activations.get('relu');
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 6);
    const kernel = tf.variable(tf.randomNormal([3, 2], 0, 1, 'float32', 7), true, 'dense-op-k');
    const bias = tf.variable(tf.randomNormal([2], 0, 1, 'float32', 8), true, 'dense-op-b');
    const mix = tf.tensor2d([
      [1, -2],
      [3, 0.5],
      [-1, 2],
      [0.25, 1],
    ]);
    const gradsOf = (inputGradient: boolean) =>
      tf.variableGrads(
        () =>
          tf.sum(tf.mul(denseForward(x, kernel, bias, relu, { inputGradient }), mix)) as tf.Scalar,
        [kernel, bias],
      );
    const full = gradsOf(true);
    const skipped = gradsOf(false);
    expectClose(skipped.grads['dense-op-k'] as tf.Tensor, full.grads['dense-op-k'] as tf.Tensor);
    expectClose(skipped.grads['dense-op-b'] as tf.Tensor, full.grads['dense-op-b'] as tf.Tensor);
    expect(() =>
      tf.grad((a: tf.Tensor) =>
        tf.sum(denseForward(a, kernel, bias, relu, { inputGradient: false })),
      )(x),
    ).toThrow(/shape/);
    tf.dispose([x, kernel, bias, mix, full.value, skipped.value]);
    tf.dispose(Object.values(full.grads));
    tf.dispose(Object.values(skipped.grads));
  });
});
