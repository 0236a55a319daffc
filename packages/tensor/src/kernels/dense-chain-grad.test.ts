import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';

tf.registerDendriteKernels();

const EPSILON = 1e-7;

interface Case {
  readonly name: string;
  /** `[n, d₀, d₁, …, C]`. */
  readonly widths: readonly number[];
  readonly layers: readonly tf.DenseChainLayer[];
}

const layer = (
  activation: 'linear' | 'relu',
  hasBias: boolean,
  dropoutRate = 0,
  dropoutSeed = 0,
): tf.DenseChainLayer => ({ activation, hasBias, dropoutRate, dropoutSeed });

const cases: Case[] = [
  {
    name: 'the book model (relu, dropout before the output layer)',
    widths: [6, 9, 7, 4],
    layers: [layer('relu', true), layer('linear', true, 0.3, 12345)],
  },
  {
    name: 'dropout on the input, a linear hidden layer without bias, three layers',
    widths: [5, 8, 6, 5, 3],
    layers: [layer('relu', true, 0.5, -77), layer('linear', false), layer('linear', true, 0.2, 9)],
  },
  { name: 'one layer (softmax regression)', widths: [4, 3, 5], layers: [layer('linear', false)] },
];

/** Seeded inputs for a case: `x`, one-hot `labels` and each layer's kernel and bias. */
function fixture(c: Case) {
  const rng = tf.createRandom(2024);
  const [n, ...dims] = c.widths as [number, ...number[]];
  const values = (size: number) => Array.from({ length: size }, () => rng.nextNormal());
  const x = tf.tensor2d(values(n * (dims[0] as number)), [n, dims[0] as number]);
  const classes = dims.at(-1) as number;
  const labels = tf
    .oneHot(
      Array.from({ length: n }, (_, i) => (i * 7) % classes),
      classes,
    )
    .cast('float32');
  const weights = c.layers.flatMap((spec, i) => {
    const [inputs, units] = [dims[i] as number, dims[i + 1] as number];
    const kernel = tf.tensor2d(values(inputs * units), [inputs, units]).mul(0.5);
    return spec.hasBias ? [kernel, tf.tensor1d(values(units)).mul(0.1)] : [kernel];
  });
  return { x, labels, weights };
}

/** The loss as plain tfjs ops, differentiated by tfjs' autodiff: the oracle. */
function composedLoss(c: Case, x: tf.Tensor, labels: tf.Tensor, weights: tf.Tensor[]): tf.Scalar {
  let a = x;
  let w = 0;
  for (const spec of c.layers) {
    if (spec.dropoutRate > 0) {
      const scale = 1 / (1 - spec.dropoutRate);
      const mask = new tf.RandomGenerator(spec.dropoutSeed).fillMask(
        new Float32Array(a.size),
        spec.dropoutRate,
        scale,
      );
      a = tf.mul(a, tf.tensor(mask, a.shape));
    }
    let z = tf.matMul(a as tf.Tensor2D, weights[w++] as tf.Tensor2D) as tf.Tensor;
    if (spec.hasBias) z = tf.add(z, weights[w++] as tf.Tensor);
    a = spec.activation === 'relu' ? tf.relu(z) : z;
  }
  const logP = tf.clipByValue(tf.logSoftmax(a), Math.log(EPSILON), Math.log1p(-EPSILON));
  return tf.mean(tf.neg(tf.sum(tf.mul(labels, logP), -1))) as tf.Scalar;
}

function chainInputs(x: tf.Tensor, labels: tf.Tensor, weights: tf.Tensor[], c: Case) {
  const inputs: tf.NamedTensorMap = { x, labels };
  let w = 0;
  c.layers.forEach((spec, i) => {
    inputs[tf.denseChainInputName('kernel', i)] = weights[w++] as tf.Tensor;
    if (spec.hasBias) inputs[tf.denseChainInputName('bias', i)] = weights[w++] as tf.Tensor;
  });
  return inputs;
}

function runChain(inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] {
  return tf
    .engine()
    .runKernel(tf.DendriteDenseChainGrad, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
}

describe.each(['cpu', 'wasm'])('DendriteDenseChainGrad on %s', (backend) => {
  afterAll(async () => {
    await tf.useBackend('cpu', { log: false });
  });

  it.each(cases)('equals the autodiff of the composed ops: $name', async (c) => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const { x, labels, weights } = fixture(c);
    const expected = tf.valueAndGrads((...ws: tf.Tensor[]) => composedLoss(c, x, labels, ws))(
      weights,
    );
    const before = tf.memory().numTensors;
    const [loss, logits, ...grads] = runChain(chainInputs(x, labels, weights, c), {
      layers: c.layers,
      epsilon: EPSILON,
    });
    expect(tf.memory().numTensors).toBe(before + 2 + grads.length);
    expect(loss?.shape).toEqual([]);
    expect(logits?.shape).toEqual([c.widths[0], c.widths.at(-1)]);
    expect(loss?.dataSync()[0]).toBeCloseTo(expected.value.dataSync()[0] as number, 5);
    expect(grads).toHaveLength(weights.length);
    grads.forEach((grad, i) => {
      const want = expected.grads[i] as tf.Tensor;
      expect(grad.shape).toEqual(want.shape);
      const gap = tf.max(tf.abs(tf.sub(grad, want))).dataSync()[0] as number;
      expect(gap).toBeLessThan(1e-5);
    });
    tf.dispose([x, labels, ...weights, expected.value, ...expected.grads, loss, logits, ...grads]);
  });

  it('refuses bad calls naming the input or attribute, and leaks nothing', async () => {
    await tf.useBackend(backend as 'cpu' | 'wasm', { log: false });
    const c = cases[0] as Case;
    const { x, labels, weights } = fixture(c);
    const inputs = chainInputs(x, labels, weights, c);
    const attrs = { layers: c.layers, epsilon: EPSILON };
    const [wrongLabels, wrongKernel, intX] = [tf.zeros([6, 3]), tf.zeros([8, 4]), x.cast('int32')];
    const before = tf.memory().numTensors;
    const { bias1: _dropped, ...withoutBias } = inputs;
    expect(() => runChain(withoutBias, attrs)).toThrow(/the input `bias1` is missing/);
    expect(() => runChain({ ...inputs, extra: x }, attrs)).toThrow(/unexpected inputs `extra`/);
    expect(() => runChain({ ...inputs, labels: wrongLabels }, attrs)).toThrow(
      /`labels` has shape \[6,3\]; expected \[6, 4\]/,
    );
    expect(() => runChain({ ...inputs, kernel1: wrongKernel }, attrs)).toThrow(
      /`kernel1` has shape \[8,4\]; expected \[7, 4\]/,
    );
    expect(() => runChain({ ...inputs, x: intX }, attrs)).toThrow(
      /`x` must be float32; received int32/,
    );
    const reluLast = [c.layers[0], { ...c.layers[1], activation: 'relu' }];
    expect(() => runChain(inputs, { ...attrs, layers: reluLast })).toThrow(
      /`layers\[1\]`.activation must be 'linear'; received relu/,
    );
    const badRate = [{ ...c.layers[0], dropoutRate: 1 }, c.layers[1]];
    expect(() => runChain(inputs, { ...attrs, layers: badRate })).toThrow(/dropoutRate/);
    expect(() => runChain(inputs, { ...attrs, epsilon: -1 })).toThrow(/epsilon/);
    expect(() => runChain(inputs, { ...attrs, layers: [] })).toThrow(/layers/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, labels, ...weights, wrongLabels, wrongKernel, intX]);
  });
});
