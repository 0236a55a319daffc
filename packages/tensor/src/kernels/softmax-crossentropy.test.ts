import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';

tf.registerDendriteKernels();

const EPSILON = 1e-7;

/** Each case's labels and logits; the last axis holds the classes. */
const cases: Array<{ name: string; labels: number[][]; logits: number[][] }> = [
  {
    name: 'one-hot and soft labels',
    labels: [
      [0, 1, 0],
      [0.2, 0.3, 0.5],
    ],
    logits: [
      [1.5, -0.3, 0.2],
      [2, -1, 3],
    ],
  },
  {
    // Row 0: log p₀ ≈ −3e-7·… > log1p(−ε) and log p₂ ≈ −20 < log ε, both clipped; row 1 keeps
    // labels that do not sum to 1; row 2 has logits of ±1e4.
    name: 'clipped log-probabilities, unnormalized labels, huge logits',
    labels: [
      [0.2, 0.5, 0.3],
      [0.5, 0.9, 0],
      [0, 1, 0],
    ],
    logits: [
      [20, 5, 0],
      [0.1, 0.2, 0.3],
      [1e4, -1e4, 3],
    ],
  },
];

type Reduction = 'none' | 'mean';

/** The loss as the composed ops the kernels replace (the engine's former code), the oracle. */
function composedLoss(labels: tf.Tensor, logits: tf.Tensor, attrs: Attrs): tf.Tensor {
  const { epsilon } = attrs;
  const logP = tf.logSoftmax(logits);
  const clipped =
    epsilon === 0 ? logP : tf.clipByValue(logP, Math.log(epsilon), Math.log1p(-epsilon));
  const perRow = tf.neg(tf.sum(tf.mul(labels, clipped), -1));
  return attrs.reduction === 'mean' ? tf.div(tf.sum(perRow), Math.max(perRow.size, 1)) : perRow;
}

interface Attrs {
  epsilon: number;
  reduction: Reduction;
}

function fusedLoss(labels: tf.Tensor, logits: tf.Tensor, attrs: Attrs): tf.Tensor {
  const named = attrs as unknown as tf.NamedAttrMap;
  return tf
    .engine()
    .runKernel(tf.DendriteSoftmaxCrossEntropy, { logits, labels }, named) as tf.Tensor;
}

function fusedGrad(dy: tf.Tensor, labels: tf.Tensor, logits: tf.Tensor, attrs: Attrs) {
  const named = attrs as unknown as tf.NamedAttrMap;
  const inputs = { dy, logits, labels };
  return tf.engine().runKernel(tf.DendriteSoftmaxCrossEntropyGrad, inputs, named) as tf.Tensor[];
}

/** `[loss, dLogits, dLabels]` of the composed ops by autodiff, for upstream `dy`. */
function composedAll(dy: tf.Tensor, labels: tf.Tensor, logits: tf.Tensor, attrs: Attrs) {
  return tf.tidy(() => {
    const weighted = (t: tf.Tensor, x: tf.Tensor) => tf.sum(tf.mul(composedLoss(t, x, attrs), dy));
    const [dLabels, dLogits] = tf.grads(weighted)([labels, logits]) as [tf.Tensor, tf.Tensor];
    return [composedLoss(labels, logits, attrs), dLogits, dLabels].map((t) =>
      Array.from(t.dataSync()),
    );
  });
}

/** Each combination of the attributes. */
const attrSets: Attrs[] = [0, EPSILON].flatMap((epsilon) =>
  (['none', 'mean'] as const).map((reduction) => ({ epsilon, reduction })),
);

function expectAllClose(actual: ArrayLike<number>, expected: number[], atol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    expect(Math.abs((actual[i] as number) - value)).toBeLessThanOrEqual(
      atol + 1e-5 * Math.abs(value),
    );
  });
}

describe.each(['cpu', 'wasm'])('DendriteSoftmaxCrossEntropy kernels on %s', (backend) => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it('matches hand-worked values', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    // logits [0, 0], labels [0, 1]: loss ln 2; p = [½, ½], so dLogits = dy·(p − t) = 2·[½, −½],
    // dLabels = −dy·log p = 2·[ln 2, ln 2]
    const labels = tf.tensor2d([[0, 1]]);
    const logits = tf.zeros([1, 2]);
    const none = { epsilon: 0, reduction: 'none' } as const;
    expectAllClose(fusedLoss(labels, logits, none).dataSync(), [Math.LN2], 1e-6);
    const clip = { epsilon: EPSILON, reduction: 'none' } as const;
    const [dLogits, dLabels] = fusedGrad(tf.tensor1d([2]), labels, logits, clip);
    expectAllClose((dLogits as tf.Tensor).dataSync(), [1, -1], 1e-6);
    expectAllClose((dLabels as tf.Tensor).dataSync(), [2 * Math.LN2, 2 * Math.LN2], 1e-6);
  });

  it.each(cases)('equals the composed ops and their autodiff on cpu: $name', async (c) => {
    for (const attrs of attrSets) {
      await tf.useBackend('cpu', { log: false });
      const dyValues = attrs.reduction === 'mean' ? [1.5] : c.labels.map((_, i) => 0.5 + i);
      const dy = () => tf.tensor(dyValues, attrs.reduction === 'mean' ? [] : [dyValues.length]);
      const expected = composedAll(dy(), tf.tensor2d(c.labels), tf.tensor2d(c.logits), attrs);
      await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
      const labels = tf.tensor2d(c.labels);
      const logits = tf.tensor2d(c.logits);
      const before = tf.memory().numTensors;
      const loss = fusedLoss(labels, logits, attrs);
      const grads = fusedGrad(dy(), labels, logits, attrs);
      [loss, ...grads].forEach((t, i) => {
        expectAllClose(t.dataSync(), expected[i] as number[], 2e-5);
      });
      tf.dispose([loss, ...grads]);
      expect(tf.memory().numTensors).toBe(before + 1); // the dy tensor
    }
  });

  it('takes the last axis of any rank', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    // One batch of two steps: logits [1, 2] and [3, 1], labels [1, 0] and [0, 1].
    const logits = tf.tensor3d([1, 2, 3, 1], [1, 2, 2]);
    const labels = tf.tensor3d([1, 0, 0, 1], [1, 2, 2]);
    const loss = fusedLoss(labels, logits, { epsilon: 0, reduction: 'none' });
    expect(loss.shape).toEqual([1, 2]);
    // −log σ(1 − 2) and −log σ(1 − 3)
    expectAllClose(loss.dataSync(), [Math.log1p(Math.E), Math.log1p(Math.exp(2))], 1e-5);
  });

  it('refuses mismatched shapes, wrong dtypes, a bad epsilon or reduction, naming the argument', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const before = tf.memory().numTensors;
    const logits = tf.zeros([2, 3]);
    const plain = { epsilon: 0, reduction: 'none' } as const;
    expect(() => fusedLoss(tf.zeros([2, 2]), logits, plain)).toThrow(
      /`labels` \[2,2\] and `logits` \[2,3\] must have one shape/,
    );
    expect(() => fusedLoss(tf.zeros([2, 3], 'int32'), logits, plain)).toThrow(
      /`labels` must be float32; received int32/,
    );
    expect(() => fusedLoss(logits, logits, { epsilon: 0.5, reduction: 'none' })).toThrow(
      /`epsilon` must be in \[0, 0.5\); received 0.5/,
    );
    expect(() => fusedGrad(tf.zeros([3]), logits, logits, plain)).toThrow(
      /`dy` has shape \[3\]; expected the loss' shape \[2\]/,
    );
    const mean = { epsilon: 0, reduction: 'mean' } as const;
    expect(() => fusedGrad(tf.zeros([2]), logits, logits, mean)).toThrow(
      /`dy` has shape \[2\]; expected the loss' shape \[\]/,
    );
    const sum = { epsilon: 0, reduction: 'sum' } as unknown as Attrs;
    expect(() => fusedLoss(logits, logits, sum)).toThrow(
      /`reduction` must be 'none' or 'mean'; received sum/,
    );
    tf.dispose(logits);
    // Each failed call leaves only the inputs the test itself made (four more zeros tensors).
    expect(tf.memory().numTensors - before).toBe(4);
  });
});
