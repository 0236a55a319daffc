import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';
import { webgpuUnavailable } from './webgpu.test-support.js';

const unavailable = await webgpuUnavailable();
if (unavailable) console.info(`skipping the WebGPU Adam kernel tests: ${unavailable}`);

const attrs = { alpha: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** The rule as the composed float32 ops the kernel replaces (the optimizer's fallback). */
function composed(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const m1 = tf.add(m, tf.mul(tf.sub(g, m), 1 - attrs.beta1));
    const v1 = tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - attrs.beta2));
    const w1 = tf.sub(w, tf.div(tf.mul(m1, attrs.alpha), tf.add(tf.sqrt(v1), attrs.epsilon)));
    return [w1, m1, v1];
  });
}

describe.skipIf(unavailable !== undefined)(
  'DendriteAdamUpdate on webgpu (SwiftShader here)',
  () => {
    afterAll(() => tf.setBackend('cpu'));

    it('matches the composed ops to 2e-6 on a [37, 29] weight, with no leaked tensor', async () => {
      await tf.useBackend('webgpu', { log: false });
      expect(tf.hasDendriteKernel(tf.DendriteAdamUpdate)).toBe(true);
      const shape = [37, 29];
      const [w, g, m, v] = [1, 2, 3, 4].map((seed) =>
        tf.randomNormal(shape, 0, 0.1, 'float32', seed),
      );
      const vAbs = tf.abs(v as tf.Tensor);
      const before = tf.memory().numTensors;
      const fused = tf
        .engine()
        .runKernel(
          tf.DendriteAdamUpdate,
          { variable: w as tf.Tensor, gradient: g as tf.Tensor, m: m as tf.Tensor, v: vAbs },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      const expected = composed(w as tf.Tensor, g as tf.Tensor, m as tf.Tensor, vAbs);
      for (const [index, tensor] of fused.entries()) {
        expect(tensor.shape).toEqual(shape);
        const got = await tensor.data();
        const want = await (expected[index] as tf.Tensor).data();
        let worst = 0;
        for (let i = 0; i < got.length; i++) {
          worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)));
        }
        expect(worst).toBeLessThanOrEqual(2e-6);
      }
      tf.dispose([...fused, ...expected]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([w, g, m, v, vAbs] as tf.Tensor[]);
    }, 60_000);

    it('matches a hand-worked step', async () => {
      await tf.useBackend('webgpu', { log: false });
      // g = 2, m = 0, v = 0: m' = 0.2, v' = 0.004, w' = 1 − 0.003·0.2/(√0.004 + 1e-7) = 0.99051316…
      const out = tf.engine().runKernel(
        tf.DendriteAdamUpdate,
        {
          variable: tf.tensor1d([1]),
          gradient: tf.tensor1d([2]),
          m: tf.zeros([1]),
          v: tf.zeros([1]),
        },
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor[];
      const [w1, m1, v1] = await Promise.all(out.map((t) => t.data()));
      expect(w1?.[0]).toBeCloseTo(1 - 0.0006 / (Math.sqrt(0.004) + 1e-7), 6);
      expect(m1?.[0]).toBeCloseTo(0.2, 6);
      expect(v1?.[0]).toBeCloseTo(0.004, 6);
    }, 60_000);
  },
);
