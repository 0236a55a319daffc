import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { beforeAll, expect } from 'vitest';
import { addonCalls, normal, registerCountingBackend } from '../test/compare-backends.js';
import { itNative } from '../test/native-gate.js';
import { nativeBackendName } from './index.js';

beforeAll(() => registerCountingBackend());

/**
 * 20 SGD steps of the demo's model shape, scaled down: 64 → Dense 32 relu → Dropout 0.3 →
 * Dense 10 softmax, categorical cross-entropy, batch 16. Returns the loss of every step.
 */
async function lossCurve(backend: string): Promise<number[]> {
  await tf.setBackend(backend);
  const x = tf.tensor2d(normal(16 * 64, 1), [16, 64]);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => (i * 7) % 10),
      'int32',
    ),
    10,
  );
  const w1 = tf.variable(tf.tensor2d(normal(64 * 32, 2), [64, 32]).mul(0.15));
  const b1 = tf.variable(tf.zeros([32]));
  const w2 = tf.variable(tf.tensor2d(normal(32 * 10, 3), [32, 10]).mul(0.2));
  const b2 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    const loss = optimizer.minimize(() => {
      const hidden = tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' });
      // tf.dropout draws its mask in JavaScript from the seed, so both backends drop the same units.
      const dropped = tf.dropout(hidden, 0.3, undefined, 100 + step);
      const probabilities = tf.softmax(tf.add(tf.matMul(dropped, w2), b2));
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(probabilities)), -1))) as tf.Scalar;
    }, true) as tf.Scalar;
    losses.push(loss.dataSync()[0] as number);
    loss.dispose();
  }
  tf.dispose([x, labels, w1, b1, w2, b2]);
  optimizer.dispose();
  return losses;
}

itNative('trains a dense network along the same loss curve as the cpu backend', async () => {
  const cpu = await lossCurve('cpu');
  const before = addonCalls.batchMatMul ?? 0;
  const native = await lossCurve(nativeBackendName);
  // Forward (2 products) and backward (dx of layer 2, dW of both layers) each step.
  expect((addonCalls.batchMatMul ?? 0) - before).toBeGreaterThanOrEqual(20 * 5);
  expect(cpu[19]).toBeLessThan((cpu[0] as number) * 0.5);
  expectClose(native, cpu, { rtol: 1e-4, atol: 0 });
});
