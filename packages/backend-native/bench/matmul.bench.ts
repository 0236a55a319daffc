// GFLOP/s of the 512×784×100 product in every transpose variant, and one training step of the
// demo's model (784 → Dense 100 relu → Dropout 0.3 → Dense 10 softmax, batch 512), on the
// native, wasm and cpu backends. Run: `pnpm --filter @dendrite/backend-native bench`.
import * as tf from '@dendrite/tensor';
import { it } from 'vitest';
import { nativeBackendName, registerNativeBackend } from '../src/index.js';

const [m, k, n] = [512, 784, 100];

function timeIt(fn: () => void, minSeconds = 0.5): number {
  fn();
  fn();
  let runs = 0;
  const start = performance.now();
  while (runs < 3 || performance.now() - start < minSeconds * 1000) {
    fn();
    runs++;
  }
  return (performance.now() - start) / 1000 / runs;
}

function matMulSeconds(transposeA: boolean, transposeB: boolean): number {
  const a = tf.randomNormal(transposeA ? [k, m] : [m, k], 0, 1, 'float32', 1);
  const b = tf.randomNormal(transposeB ? [n, k] : [k, n], 0, 1, 'float32', 2);
  const seconds = timeIt(() => tf.matMul(a, b, transposeA, transposeB).dataSync());
  tf.dispose([a, b]);
  return seconds;
}

function trainStepSeconds(): number {
  const x = tf.randomNormal([m, 784], 0, 1, 'float32', 3);
  const labels = tf.oneHot(tf.randomUniform([m], 0, 10, 'int32', 4) as tf.Tensor1D, 10);
  const w1 = tf.variable(tf.randomNormal([784, 100], 0, 0.05, 'float32', 5));
  const b1 = tf.variable(tf.zeros([100]));
  const w2 = tf.variable(tf.randomNormal([100, 10], 0, 0.1, 'float32', 6));
  const b2 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.sgd(0.01);
  const seconds = timeIt(() => {
    const loss = optimizer.minimize(() => {
      const hidden = tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' });
      const logits = tf.add(tf.matMul(tf.dropout(hidden, 0.3), w2), b2);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    }, true);
    loss?.dataSync();
    loss?.dispose();
  });
  tf.dispose([x, labels, w1, b1, w2, b2]);
  optimizer.dispose();
  return seconds;
}

it('prints GFLOP/s per backend', async () => {
  registerNativeBackend();
  const rows: string[] = [
    '| backend | NN | TN (xᵀ·dy) | NT (dy·wᵀ) | TT | train step, batch 512 |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [label, name] of [
    ['native', nativeBackendName],
    ['wasm', 'wasm'],
    ['cpu', 'cpu'],
  ] as const) {
    if (name === 'wasm') await tf.useBackend('wasm', { log: false });
    else await tf.setBackend(name);
    const flops = 2 * m * n * k;
    const cells = [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ].map(([ta, tb]) => (flops / matMulSeconds(ta as boolean, tb as boolean) / 1e9).toFixed(1));
    rows.push(`| ${label} | ${cells.join(' | ')} | ${(trainStepSeconds() * 1000).toFixed(1)} ms |`);
  }
  console.log(`512×784×100 matmul, GFLOP/s:\n${rows.join('\n')}`);
});
