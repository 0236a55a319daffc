import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';
import { cpuThenWebGpu, useWebGpu, webgpuUnavailable, worstGap } from './webgpu.test-support.js';

const unavailable = await webgpuUnavailable();
if (unavailable) console.info(`skipping the WebGPU cross-entropy kernel tests: ${unavailable}`);

/** Seeded logits (one row 30 apart, so both clip bounds bite at ε = 1e-7), labels and dy. */
function operands(shape: number[]) {
  return tf.tidy(() => {
    const logits = tf.randomNormal(shape, 0, 3, 'float32', 5).dataSync() as Float32Array;
    logits[0] = 30;
    const classes = shape.at(-1) as number;
    const rows = logits.length / classes;
    const hot = tf.randomUniform([rows], 0, classes, 'int32', 6).dataSync();
    const labels = new Float32Array(logits.length);
    hot.forEach((c, row) => {
      labels[row * classes + c] = 1;
    });
    labels[1] = 0.25; // one soft label, so Σ labels ≠ 1 in that row
    const dy = tf.randomNormal([rows], 1, 0.5, 'float32', 7).dataSync() as Float32Array;
    return { logits, labels, dy };
  });
}

/** The composed ops the kernels replace, and their autodiff, on tfjs' cpu backend. */
function composedOnCpu(shape: number[], epsilon: number): Float32Array[] {
  const { logits, labels, dy } = operands(shape);
  const [low, high] =
    epsilon === 0 ? [-Infinity, Infinity] : [Math.log(epsilon), Math.log1p(-epsilon)];
  const loss = (t: tf.Tensor, x: tf.Tensor) =>
    tf.neg(tf.sum(tf.mul(t, tf.clipByValue(tf.logSoftmax(x), low, high)), -1));
  return tf.tidy(() => {
    const t = tf.tensor(labels, shape);
    const x = tf.tensor(logits, shape);
    const [dLabels, dLogits] = tf.grads(loss)([t, x], tf.tensor(dy, shape.slice(0, -1)));
    return [loss(t, x), dLogits, dLabels].map((v) => (v as tf.Tensor).dataSync() as Float32Array);
  });
}

describe.skipIf(unavailable !== undefined)(
  'softmax cross-entropy kernels on webgpu (SwiftShader here)',
  () => {
    afterAll(() => tf.setBackend('cpu'));

    it.each([
      { shape: [6, 10], epsilon: 1e-7 },
      { shape: [6, 10], epsilon: 0 },
      { shape: [2, 3, 4], epsilon: 1e-7 },
    ])(
      '$shape, epsilon $epsilon: loss and both gradients as the composed cpu ops to 2e-6',
      async ({ shape, epsilon }) => {
        const [wantLoss, wantDLogits, wantDLabels] = await cpuThenWebGpu(() =>
          composedOnCpu(shape, epsilon),
        );
        const { logits, labels, dy } = operands(shape);
        const inputs = {
          logits: tf.tensor(logits, shape),
          labels: tf.tensor(labels, shape),
          dy: tf.tensor(dy, shape.slice(0, -1)),
        };
        const before = tf.memory().numTensors;
        const engine = tf.engine();
        const loss = engine.runKernel('DendriteSoftmaxCrossEntropy', inputs, {
          epsilon,
        }) as tf.Tensor;
        const grads = engine.runKernel('DendriteSoftmaxCrossEntropyGrad', inputs, {
          epsilon,
        }) as tf.Tensor[];
        expect(tf.memory().numTensors).toBe(before + 3);
        expect(loss.shape).toEqual(shape.slice(0, -1));
        expect(grads.map((g) => g.shape)).toEqual([shape, shape]);
        expect(worstGap(await loss.data(), wantLoss as Float32Array)).toBeLessThanOrEqual(2e-6);
        const [dLogits, dLabels] = await Promise.all(grads.map((g) => g.data()));
        expect(worstGap(dLogits as Float32Array, wantDLogits as Float32Array)).toBeLessThanOrEqual(
          2e-6,
        );
        expect(worstGap(dLabels as Float32Array, wantDLabels as Float32Array)).toBeLessThanOrEqual(
          2e-6,
        );
        tf.dispose([loss, ...grads, ...Object.values(inputs)]);
      },
      60_000,
    );

    it("reduction 'mean': the scalar mean and its gradients for a scalar dy, as the composed cpu ops", async () => {
      const shape = [6, 10];
      const { logits, labels } = operands(shape);
      const attrs = { epsilon: 1e-7, reduction: 'mean' };
      const run = async () => {
        const outputs = tf.tidy(() => {
          const inputs = {
            logits: tf.tensor(logits, shape),
            labels: tf.tensor(labels, shape),
            dy: tf.scalar(1.7),
          };
          const engine = tf.engine();
          const loss = engine.runKernel('DendriteSoftmaxCrossEntropy', inputs, attrs) as tf.Tensor;
          const grads = engine.runKernel('DendriteSoftmaxCrossEntropyGrad', inputs, attrs);
          return [loss, ...(grads as tf.Tensor[])];
        });
        const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
        tf.dispose(outputs);
        return values;
      };
      // The composed ops: the mean of the per-row losses, differentiated for the upstream 1.7.
      const want = await cpuThenWebGpu(() =>
        tf.tidy(() => {
          const t = tf.tensor(labels, shape);
          const x = tf.tensor(logits, shape);
          const [low, high] = [Math.log(1e-7), Math.log1p(-1e-7)];
          const mean = (a: tf.Tensor, b: tf.Tensor) =>
            tf.mean(tf.neg(tf.sum(tf.mul(a, tf.clipByValue(tf.logSoftmax(b), low, high)), -1)));
          const [dLabels, dLogits] = tf.grads(mean)([t, x], tf.scalar(1.7));
          return [mean(t, x), dLogits, dLabels].map((v) => v?.dataSync() as Float32Array);
        }),
      );
      const before = tf.memory().numTensors;
      const got = await run();
      expect(tf.memory().numTensors).toBe(before);
      expect(got[0]?.length).toBe(1);
      got.forEach((values, i) => {
        expect(worstGap(values, want[i] as Float32Array), `output ${i}`).toBeLessThanOrEqual(2e-6);
      });
    }, 60_000);

    it('rejects a dy of the wrong shape and an epsilon out of range, leaking nothing', async () => {
      await useWebGpu();
      const logits = tf.zeros([2, 3]);
      const labels = tf.zeros([2, 3]);
      const dy = tf.zeros([3]);
      const before = tf.memory().numTensors;
      const engine = tf.engine();
      expect(() =>
        engine.runKernel('DendriteSoftmaxCrossEntropyGrad', { dy, logits, labels }, { epsilon: 0 }),
      ).toThrow(/`dy` has shape \[3\]; expected the loss' shape \[2\]/);
      expect(() =>
        engine.runKernel('DendriteSoftmaxCrossEntropy', { logits, labels }, { epsilon: 0.5 }),
      ).toThrow(tf.ConfigError);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([logits, labels, dy]);
    }, 60_000);
  },
);
