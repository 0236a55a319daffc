import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';

tf.registerDendriteKernels();

// The book model's shape, small: 6 samples, 9 features, 7 relu units, dropout 0.3, 4 classes.
const LAYERS: tf.DenseChainLayer[] = [
  { activation: 'relu', hasBias: true, dropoutRate: 0, dropoutSeed: 0 },
  { activation: 'linear', hasBias: true, dropoutRate: 0.3, dropoutSeed: 4321 },
];
const SHAPES = [[9, 7], [7], [7, 4], [4]];
const NAMES = ['kernel0', 'bias0', 'kernel1', 'bias1'];
const ADAM = { alpha: 0.0123, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Seeded inputs: x, one-hot labels, the four weights and their moments (v positive). */
function fixture() {
  const rng = tf.createRandom(77);
  const normal = (shape: number[]) =>
    tf.tensor(
      Array.from({ length: tf.util.sizeFromShape(shape) }, () => rng.nextNormal()),
      shape,
    );
  const x = normal([6, 9]);
  const labels = tf.oneHot([0, 1, 2, 3, 1, 2], 4).cast('float32');
  const weights = SHAPES.map((shape) => normal(shape).mul(0.4));
  const ms = SHAPES.map((shape) => normal(shape).mul(0.01));
  const vs = SHAPES.map((shape) => normal(shape).square().mul(1e-4));
  return { x, labels, weights, ms, vs };
}

function run(inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] {
  return tf
    .engine()
    .runKernel(tf.DendriteDenseChainGrad, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
}

function inputsOf(f: ReturnType<typeof fixture>, moments = true): tf.NamedTensorMap {
  const inputs: tf.NamedTensorMap = { x: f.x, labels: f.labels };
  NAMES.forEach((name, i) => {
    inputs[name] = f.weights[i] as tf.Tensor;
    if (!moments) return;
    inputs[`${name}_m`] = f.ms[i] as tf.Tensor;
    inputs[`${name}_v`] = f.vs[i] as tf.Tensor;
  });
  return inputs;
}

/** Keras' Adam rule on the host in float64, from the kernel's own gradients. */
function expectedAdam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array) {
  const m1 = m.map((mi, i) => mi + ((g[i] as number) - mi) * (1 - ADAM.beta1));
  const v1 = v.map((vi, i) => vi + ((g[i] as number) ** 2 - vi) * (1 - ADAM.beta2));
  const w1 = w.map(
    (wi, i) => wi - (ADAM.alpha * (m1[i] as number)) / (Math.sqrt(v1[i] as number) + ADAM.epsilon),
  );
  return [w1, m1, v1];
}

describe.each(['cpu', 'wasm'])('DendriteDenseChainGrad with adam on %s', (backend) => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it('applies the Adam rule with the gradients the kernel returns without it', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const f = fixture();
    const attrs = { layers: LAYERS, epsilon: 1e-7 };
    // wasm multiplies by a weight it meets for the first time in another order (see
    // dense-matmul-wasm.ts): a first call makes both runs below meet them again.
    tf.dispose(run(inputsOf(f, false), attrs));
    const [loss0, logits0, ...grads] = run(inputsOf(f, false), attrs);
    const before = tf.memory().numTensors;
    const [loss, logits, ...updates] = run(inputsOf(f), { ...attrs, adam: ADAM });
    expect(tf.memory().numTensors).toBe(before + 2 + 3 * NAMES.length);
    expect(loss?.dataSync()).toEqual(loss0?.dataSync());
    expect(logits?.dataSync()).toEqual(logits0?.dataSync());
    NAMES.forEach((_, i) => {
      const expected = expectedAdam(
        f.weights[i]?.dataSync() as Float32Array,
        grads[i]?.dataSync() as Float32Array,
        f.ms[i]?.dataSync() as Float32Array,
        f.vs[i]?.dataSync() as Float32Array,
      );
      for (let k = 0; k < 3; k++) {
        const actual = updates[3 * i + k] as tf.Tensor;
        expect(actual.shape).toEqual(SHAPES[i]);
        const want = expected[k] as Float32Array;
        actual.dataSync().forEach((value, j) => {
          expect(Math.abs(value - (want[j] as number))).toBeLessThanOrEqual(
            1e-6 * Math.abs(want[j] as number) + 1e-9,
          );
        });
      }
    });
    // The weights moved: not a copy of the inputs.
    expect(updates[0]?.dataSync()).not.toEqual(f.weights[0]?.dataSync());
    tf.dispose([loss0, logits0, ...grads, loss, logits, ...updates] as tf.Tensor[]);
    tf.dispose([f.x, f.labels, ...f.weights, ...f.ms, ...f.vs]);
  });

  it('refuses missing or misshapen moments and bad Adam attributes, leaking nothing', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const f = fixture();
    const attrs = { layers: LAYERS, epsilon: 1e-7, adam: ADAM };
    const inputs = inputsOf(f);
    const wrong = tf.zeros([7, 3]);
    const before = tf.memory().numTensors;
    const { bias1_v: _v, ...missing } = inputs;
    expect(() => run(missing, attrs)).toThrow(/the input `bias1_v` is missing/);
    expect(() => run({ ...inputs, kernel1_m: wrong }, attrs)).toThrow(
      /`kernel1_m` has shape \[7,3\]; expected \[7, 4\]/,
    );
    expect(() => run(inputs, { ...attrs, adam: { ...ADAM, beta1: 1 } })).toThrow(
      /`adam.beta1` must be a number in \[0, 1\); received 1/,
    );
    expect(() => run(inputs, { ...attrs, adam: { ...ADAM, alpha: Number.NaN } })).toThrow(
      /`adam.alpha` must be a finite number; received NaN/,
    );
    expect(() => run(inputs, { layers: LAYERS, epsilon: 1e-7 })).toThrow(
      /unexpected inputs `kernel0_m`/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([wrong, f.x, f.labels, ...f.weights, ...f.ms, ...f.vs]);
  });
});
