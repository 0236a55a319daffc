import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';

const attrs = { alpha: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** The rule written as the straightforward float32 ops, the oracle for the fused kernel. */
function composed(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const m1 = tf.add(m, tf.mul(tf.sub(g, m), 1 - attrs.beta1));
    const v1 = tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - attrs.beta2));
    const w1 = tf.sub(w, tf.div(tf.mul(m1, attrs.alpha), tf.add(tf.sqrt(v1), attrs.epsilon)));
    return [w1, m1, v1];
  });
}

function fused(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor): tf.Tensor[] {
  return tf
    .engine()
    .runKernel(
      tf.DendriteAdamUpdate,
      { variable: w, gradient: g, m, v },
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
}

/** Largest `|a − b| / (1e-3 + |b|)`: relative, but absolute near zero, where the float32 rounding of inputs around 0.1 dominates. */
function maxRelativeError(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const scale = 1e-3 + Math.abs(y[i] as number);
    worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)) / scale);
  }
  return worst;
}

describe.each(['cpu', 'wasm'])('DendriteAdamUpdate on %s', (backend) => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it('is registered for the backend once asked for', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    expect(tf.hasDendriteKernel(tf.DendriteAdamUpdate)).toBe(true);
    expect(tf.getKernel(tf.DendriteAdamUpdate, backend)).toBeDefined();
  });

  it('matches a hand-worked step', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    // g = 2, m = 0, v = 0: m' = 0.2, v' = 0.004, w' = 1 - 0.003 * 0.2 / (sqrt(0.004) + 1e-7)
    //   = 1 - 0.0006 / 0.0632456553 = 0.99051316...
    const [w, g, m, v] = [tf.tensor1d([1]), tf.tensor1d([2]), tf.zeros([1]), tf.zeros([1])];
    const out = fused(w as tf.Tensor, g as tf.Tensor, m, v);
    expect(out[0]?.dataSync()[0]).toBeCloseTo(1 - 0.0006 / (Math.sqrt(0.004) + 1e-7), 6);
    expect(out[1]?.dataSync()[0]).toBeCloseTo(0.2, 7);
    expect(out[2]?.dataSync()[0]).toBeCloseTo(0.004, 8);
    tf.dispose([w, g, m, v, ...out]);
  });

  it('agrees with the composed ops on random data of odd size, leaving inputs untouched', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const before = tf.memory().numTensors;
    const shape = [37, 13];
    const w = tf.randomNormal(shape, 0, 1, 'float32', 1);
    const g = tf.randomNormal(shape, 0, 0.5, 'float32', 2);
    const m = tf.randomNormal(shape, 0, 0.1, 'float32', 3);
    const v = tf.randomUniform(shape, 0, 0.01, 'float32', 4);
    const wBefore = Array.from(w.dataSync());
    const want = composed(w, g, m, v);
    const got = fused(w, g, m, v);
    got.forEach((tensor, i) => {
      expect(tensor.shape).toEqual(shape);
      expect(maxRelativeError(tensor, want[i] as tf.Tensor)).toBeLessThan(2e-6);
    });
    expect(Array.from(w.dataSync())).toEqual(wBefore);
    tf.dispose([w, g, m, v, ...want, ...got]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched shapes and non-float inputs by name', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const w = tf.zeros([2, 3]);
    const g = tf.zeros([3, 2]);
    const i = tf.zeros([2, 3], 'int32');
    expect(() => fused(w, g, w, w)).toThrow(
      "DendriteAdamUpdate: `gradient` has shape [3,2]; expected the variable's shape [2,3]",
    );
    expect(() => fused(w, w, i, w)).toThrow(
      'DendriteAdamUpdate: `m` must be float32; received int32',
    );
    tf.dispose([w, g, i]);
  });

  it('rejects attributes that would make every weight NaN, by name, leaving no tensor', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const w = tf.zeros([2, 3]);
    const before = tf.memory().numTensors;
    const run = (over: Record<string, unknown> | null) =>
      tf
        .engine()
        .runKernel(
          tf.DendriteAdamUpdate,
          { variable: w, gradient: w, m: w, v: w },
          (over === null ? null : { ...attrs, ...over }) as unknown as tf.NamedAttrMap,
        );
    expect(() => run({ alpha: Number.NaN })).toThrow(
      /DendriteAdamUpdate.*`alpha`.*a finite number.*NaN/,
    );
    expect(() => run({ beta1: 1 })).toThrow(/`beta1`.*a number in \[0, 1\)/);
    expect(() => run({ epsilon: '1e-7' })).toThrow(/`epsilon`.*a finite number/);
    expect(() => run({ beta2: undefined })).toThrow(/`beta2`/);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
