import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import {
  expectClose,
  expectGradientMatchesFiniteDifference,
  expectNoLeak,
} from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { input } from '../input-layer.js';
import { deserializeLayer } from '../registry.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { MultiHeadAttention, multiHeadAttention } from './multi-head-attention.js';

interface Fixture {
  query: number[];
  value: number[];
  key: number[];
  weights: number[][];
  mask: number[] | null;
  output: number[];
  scores: number[];
  queryMask?: number[][];
  valueMask?: number[][];
}

// Written by fixtures/multi_head_attention.py: NumPy (float64) einsums of the Keras 3 formula.
const fixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/multi_head_attention.json', import.meta.url), 'utf8'),
) as Record<string, Fixture>;

function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let item = value;
  while (Array.isArray(item)) {
    shape.push(item.length);
    item = item[0];
  }
  return shape;
}

const t = (value: unknown): tf.Tensor => tf.tensor(value as number[], shapeOf(value));

/** A layer built for the fixture's inputs, holding its weights. */
function loaded(
  fixture: Fixture,
  args: { numHeads: number; keyDim: number; valueDim?: number; outputShape?: number[] },
  attentionAxes?: number[],
) {
  const layer = multiHeadAttention({ ...args, attentionAxes });
  const inputs = [t(fixture.query), t(fixture.value), t(fixture.key)];
  layer.build(inputs.map((x) => x.shape));
  const weights = fixture.weights.map(t);
  layer.setWeights(weights);
  tf.dispose(weights);
  return { layer, inputs };
}

describe('MultiHeadAttention', () => {
  it('matches the NumPy Keras formula for self-attention, value_dim != key_dim', async () => {
    const fixture = fixtures.selfAttention as Fixture;
    const { layer, inputs } = loaded(fixture, { numHeads: 2, keyDim: 3, valueDim: 2 });
    const [x] = inputs as [tf.Tensor];
    await expectNoLeak(() => {
      const [y, scores] = layer.apply([x, x], { returnAttentionScores: true }) as tf.Tensor[];
      expect(y?.shape).toEqual([2, 4, 3]);
      expect(scores?.shape).toEqual([2, 2, 4, 4]);
      expectClose(y as tf.Tensor, fixture.output, { atol: 1e-5 });
      expectClose(scores as tf.Tensor, fixture.scores, { atol: 1e-5 });
      return [y, scores];
    });
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      [`${layer.name}/query/kernel`, [3, 2, 3]],
      [`${layer.name}/query/bias`, [2, 3]],
      [`${layer.name}/key/kernel`, [3, 2, 3]],
      [`${layer.name}/key/bias`, [2, 3]],
      [`${layer.name}/value/kernel`, [3, 2, 2]],
      [`${layer.name}/value/bias`, [2, 2]],
      [`${layer.name}/attention_output/kernel`, [2, 2, 3]],
      [`${layer.name}/attention_output/bias`, [3]],
    ]);
    tf.dispose(inputs);
    layer.dispose();
  });

  it('cross-attends with a separate key, an outputShape and an attentionMask', () => {
    const fixture = fixtures.crossMasked as Fixture;
    const { layer, inputs } = loaded(fixture, { numHeads: 3, keyDim: 2, outputShape: [5] });
    const mask = t(fixture.mask);
    const [y, scores] = layer.apply(inputs, {
      attentionMask: mask,
      returnAttentionScores: true,
    }) as tf.Tensor[];
    expect(y?.shape).toEqual([2, 3, 5]);
    expectClose(y as tf.Tensor, fixture.output, { atol: 1e-5 });
    expectClose(scores as tf.Tensor, fixture.scores, { atol: 1e-5 });
    // A masked key gets no weight at all, in every head.
    const s = (scores as tf.Tensor).arraySync() as number[][][][];
    const m = fixture.mask as unknown as number[][][];
    const masked = s.flatMap((heads, b) =>
      heads.flatMap((rows) => rows.flatMap((row, i) => row.filter((_, j) => m[b]?.[i]?.[j] === 0))),
    );
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.every((weight) => weight === 0)).toBe(true);
    tf.dispose([...inputs, mask, y as tf.Tensor, scores as tf.Tensor]);
    layer.dispose();
  });

  it('applies the causal mask (useCausalMask)', () => {
    const fixture = fixtures.causal as Fixture;
    const { layer, inputs } = loaded(fixture, { numHeads: 2, keyDim: 2 });
    const [x] = inputs as [tf.Tensor];
    const [y, scores] = layer.apply([x, x], {
      useCausalMask: true,
      returnAttentionScores: true,
    }) as tf.Tensor[];
    expectClose(y as tf.Tensor, fixture.output, { atol: 1e-5 });
    // The first query sees only the first key: weights [1, 0, 0, 0] in every head.
    const s = (scores as tf.Tensor).arraySync() as number[][][][];
    expect(s[0]?.[1]?.[0]).toEqual([1, 0, 0, 0]);
    tf.dispose([...inputs, y as tf.Tensor, scores as tf.Tensor]);
    layer.dispose();
  });

  it('combines the query and value Keras masks as q[i] && v[j]', () => {
    const fixture = fixtures.queryValueMasks as Fixture;
    const { layer, inputs } = loaded(fixture, { numHeads: 2, keyDim: 2, valueDim: 3 });
    const [x] = inputs as [tf.Tensor];
    const queryMask = tf.tensor2d(fixture.queryMask as number[][], undefined, 'bool');
    const valueMask = tf.tensor2d(fixture.valueMask as number[][], undefined, 'bool');
    const y = layer.apply([x, x], { mask: [queryMask, valueMask] }) as tf.Tensor;
    expectClose(y, fixture.output, { atol: 1e-5 });
    // Keras passes the query's mask on to the output.
    expect(layer.computeMask([x, x], queryMask)).toBe(queryMask);
    tf.dispose([...inputs, queryMask, valueMask, y]);
    layer.dispose();
  });

  it('attends over two axes jointly, and over a later axis only', () => {
    for (const [name, axes, args, scoresShape] of [
      ['twoAxes', [1, 2], { numHeads: 2, keyDim: 3 }, [2, 2, 2, 3, 2, 3]],
      ['secondAxis', [2], { numHeads: 2, keyDim: 2, outputShape: [2, 2] }, [2, 2, 2, 3, 3]],
    ] as const) {
      const fixture = fixtures[name] as Fixture;
      const { layer, inputs } = loaded(fixture, args as never, [...axes]);
      const [x] = inputs as [tf.Tensor];
      const [y, scores] = layer.apply([x, x], { returnAttentionScores: true }) as tf.Tensor[];
      expect(scores?.shape).toEqual(scoresShape);
      expectClose(y as tf.Tensor, fixture.output, { atol: 1e-5, label: name });
      expectClose(scores as tf.Tensor, fixture.scores, { atol: 1e-5, label: name });
      tf.dispose([...inputs, y as tf.Tensor, scores as tf.Tensor]);
      layer.dispose();
    }
  });

  it('reproduces the trained attention of a real Keras 3.8 file', () => {
    // Weights of `layers/multi_head_attention/{query,key,value,output}_dense/vars/{0,1}` in
    // shared/data/keras/wild/...transformer_model.keras, read by h5py in the fixture script.
    const fixture = fixtures.realFile as Fixture;
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 64, attentionAxes: [1] });
    const x = t(fixture.query);
    layer.build([x.shape, x.shape]);
    const weights = fixture.weights.map(t);
    layer.setWeights(weights);
    const y = layer.apply([x, x]) as tf.Tensor;
    expectClose(y, fixture.output, { atol: 1e-5 });
    tf.dispose([x, y, ...weights]);
    layer.dispose();
  });

  it('has input gradients matching finite differences, masked or not', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, valueDim: 3 });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 5);
    layer.build([x.shape, x.shape]);
    // A fixed weighting of the outputs, so that the summed loss does not hide any entry.
    const weighting = tf.randomUniform([1, 3, 2], 0.5, 1.5, 'float32', 6);
    for (const useCausalMask of [false, true]) {
      expectGradientMatchesFiniteDifference(
        (v) => tf.mul(layer.apply([v, v], { useCausalMask }) as tf.Tensor, weighting),
        x,
      );
    }
    tf.dispose([x, weighting]);
    layer.dispose();
  });

  it('drops attention weights only in training, repeatably with a seed', () => {
    const make = () => multiHeadAttention({ numHeads: 1, keyDim: 2, dropout: 0.5, seed: 3 });
    const x = tf.randomUniform([2, 5, 3], -1, 1, 'float32', 1);
    const a = make();
    const b = make();
    a.build([x.shape, x.shape]);
    b.build([x.shape, x.shape]);
    const weights = a.getWeights();
    b.setWeights(weights);
    const inference = a.apply([x, x]) as tf.Tensor;
    const again = a.apply([x, x], { training: false }) as tf.Tensor;
    expectClose(again, inference, { atol: 0 });
    const [ya, sa] = a.apply([x, x], {
      training: true,
      returnAttentionScores: true,
    }) as tf.Tensor[];
    const yb = b.apply([x, x], { training: true }) as tf.Tensor;
    expectClose(yb, ya as tf.Tensor, { atol: 0 });
    // Keras returns the scores before dropout; the outputs differ from inference.
    expect(tf.max(tf.abs(tf.sub(ya as tf.Tensor, inference))).dataSync()[0]).toBeGreaterThan(1e-3);
    expectClose(tf.sum(sa as tf.Tensor, -1), tf.ones([2, 1, 5]), { atol: 1e-5 });
    tf.dispose([x, ...weights, inference, again, ya as tf.Tensor, sa as tf.Tensor, yb]);
    a.dispose();
    b.dispose();
  });

  it('has Keras 3 defaults, output shape and a config round trip', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 4, name: 'mha' });
    expect(layer.getConfig()).toMatchObject({
      numHeads: 2,
      keyDim: 4,
      valueDim: 4,
      dropout: 0,
      useBias: true,
      outputShape: null,
      attentionAxes: null,
      kernelInitializer: { className: 'GlorotUniform' },
      biasInitializer: { className: 'Zeros' },
      seed: null,
    });
    expect(
      layer.computeOutputShape([
        [null, 7, 3],
        [null, 9, 5],
      ]),
    ).toEqual([null, 7, 3]);
    layer.build([
      [null, 7, 3],
      [null, 9, 5],
    ]);
    // Built, the axes are resolved as Keras resolves them.
    const config = layer.getConfig();
    expect(config.attentionAxes).toEqual([1]);
    expect(MultiHeadAttention.fromConfig(config).getConfig()).toEqual(config);
    const other = { numHeads: 3, keyDim: 2, valueDim: 5, outputShape: 6, useBias: false };
    const second = multiHeadAttention({ ...other, attentionAxes: 2, dropout: 0.1, seed: 4 });
    const secondConfig = second.getConfig();
    expect(
      deserializeLayer({ className: 'MultiHeadAttention', config: secondConfig }).getConfig(),
    ).toEqual(secondConfig);
    second.build([
      [null, 2, 3, 4],
      [null, 2, 5, 4],
    ]);
    expect(second.weights.map((w) => w.shape)).toEqual([
      [4, 3, 2],
      [4, 3, 2],
      [4, 3, 5],
      [3, 5, 6],
    ]);
    expect(
      second.computeOutputShape([
        [null, 2, 3, 4],
        [null, 2, 5, 4],
      ]),
    ).toEqual([null, 2, 3, 6]);
    layer.dispose();
    second.dispose();
  });

  it('gives symbolic outputs, and the scores when asked, in a model graph', () => {
    const query = input({ shape: [7, 3] });
    const value = input({ shape: [9, 5] });
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 4, outputShape: 6 });
    const out = layer.apply([query, value]) as SymbolicTensor;
    expect(out.shape).toEqual([null, 7, 6]);
    const [y, scores] = layer.apply([query, value], {
      returnAttentionScores: true,
    }) as SymbolicTensor[];
    expect(y?.shape).toEqual([null, 7, 6]);
    expect(scores?.shape).toEqual([null, 2, 7, 9]);
    const image = input({ shape: [2, 3, 4] });
    const overBoth = multiHeadAttention({ numHeads: 3, keyDim: 2, attentionAxes: [1, 2] });
    const [, imageScores] = overBoth.apply([image, image], {
      returnAttentionScores: true,
    }) as SymbolicTensor[];
    expect(imageScores?.shape).toEqual([null, 3, 2, 3, 2, 3]);
    layer.dispose();
    overBoth.dispose();
  });

  it('rejects bad configs and inputs with clear errors, leaking nothing', async () => {
    expect(() => multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(
      'MultiHeadAttention: `numHeads` must be an integer >= 1; received 0',
    );
    expect(() => multiHeadAttention({ numHeads: 2, keyDim: 1.5 })).toThrow(
      'MultiHeadAttention: `keyDim` must be an integer >= 1; received 1.5',
    );
    expect(() => multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 1 })).toThrow(
      'MultiHeadAttention: `dropout` must be a finite number in [0, 1); received 1',
    );
    expect(() => multiHeadAttention({ numHeads: 2, keyDim: 2, outputShape: [0] })).toThrow(
      'MultiHeadAttention: `outputShape` must be a positive integer, a list of them, or null; received [0]',
    );
    expect(() => multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [0] })).toThrow(
      'MultiHeadAttention: `attentionAxes` must be distinct positive integers',
    );
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'mha_bad' });
    const x = tf.zeros([2, 4, 3]);
    const y = tf.zeros([2, 5, 3]);
    const wide = tf.zeros([2, 5, 4]);
    const flat = tf.zeros([2, 3]);
    const wrongMask = tf.ones([2, 4, 4], 'bool');
    const queryMask = tf.ones([2, 3], 'bool');
    layer.build([x.shape, y.shape]);
    await expectNoLeak(() => {
      expect(() => layer.apply(x)).toThrow(
        'mha_bad: expected inputs [query, value] or [query, value, key]; received 1 input',
      );
      expect(() => layer.apply([x, y], { attentionMask: wrongMask })).toThrow(
        'mha_bad: the attention mask of shape [2,4,4] does not broadcast to the attention scores of shape [2,2,4,5]',
      );
      expect(() => layer.apply([x, y], { mask: [queryMask, null], useCausalMask: true })).toThrow(
        'mha_bad: masks of shapes [2,3,1] and [1,4,5] do not broadcast together',
      );
      expect(() => layer.apply([x, wide])).toThrow(
        'mha_bad: the value input must end in [3]; received shape [2,5,4]',
      );
      expect(() => layer.apply([flat, x])).toThrow('mha_bad: the query must have rank >= 3');
    });
    tf.dispose([wide, flat, wrongMask, queryMask]);
    const axes = multiHeadAttention({ numHeads: 1, keyDim: 2, attentionAxes: [2], name: 'mha_ax' });
    expect(() =>
      axes.build([
        [null, 4, 3],
        [null, 4, 3],
      ]),
    ).toThrow(
      'mha_ax: `attentionAxes` [2] must lie between the batch axis and the last axis of the query',
    );
    tf.dispose([x, y]);
    layer.dispose();
  });
});
