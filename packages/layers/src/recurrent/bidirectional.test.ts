import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { dense } from '../core/dense.js';
import { input } from '../input-layer.js';
import { deserializeLayer } from '../registry.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { Bidirectional, type BidirectionalMergeMode, bidirectional } from './bidirectional.js';
import { lstm } from './lstm.js';
import { simpleRNN } from './simple-rnn.js';

function outputs(value: unknown): tf.Tensor[] {
  return Array.isArray(value) ? (value as tf.Tensor[]) : [value as tf.Tensor];
}

describe('Bidirectional', () => {
  it.each<[BidirectionalMergeMode | null, boolean]>([
    ['concat', true],
    ['sum', false],
    ['mul', true],
    ['ave', true],
    [null, true],
  ])(
    'matches tfjs-layers Bidirectional(LSTM) with mergeMode %s (returnSequences %s)',
    (mergeMode, returnSequences) => {
      const ours = bidirectional({ layer: lstm({ units: 3, returnSequences }), mergeMode });
      const theirs = tfl.layers.bidirectional({
        layer: tfl.layers.lstm({
          units: 3,
          returnSequences,
          recurrentActivation: 'sigmoid',
        }) as tfl.RNN,
        mergeMode: mergeMode as BidirectionalMergeMode,
      });
      const x = tf.randomUniform([2, 4, 5], -1, 1, 'float32', 41);
      const y = outputs(ours.apply(x));
      tf.dispose(theirs.apply(x) as tf.Tensor);
      const weights = ours.getWeights();
      expect(weights.map((w) => w.shape)).toEqual([[5, 12], [3, 12], [12], [5, 12], [3, 12], [12]]);
      theirs.setWeights(weights);
      const expected = outputs(theirs.apply(x));
      expect(y).toHaveLength(mergeMode === null ? 2 : 1);
      expect(y).toHaveLength(expected.length);
      for (const [i, t] of y.entries())
        expectClose(t, expected[i] as tf.Tensor, { atol: 1e-5, label: `output ${i}` });
      const shapes = ours.computeOutputShape([null, 4, 5]);
      const actual = y.map((t) => [null, ...t.shape.slice(1)]);
      expect(shapes).toEqual(actual.length === 1 ? actual[0] : actual);
      tf.dispose([x, ...y, ...expected, ...weights]);
      ours.dispose();
      theirs.dispose();
    },
  );

  it('runs the backward copy over the reversed sequence and puts its outputs back in time order', () => {
    const inner = simpleRNN({ units: 2, returnSequences: true, name: 'rnn' });
    const layer = bidirectional({ layer: inner, mergeMode: null });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 42);
    const [yForward, yBackward] = outputs(layer.apply(x));
    expect([layer.forwardLayer.name, layer.backwardLayer.name]).toEqual([
      'forward_rnn',
      'backward_rnn',
    ]);
    expect([layer.forwardLayer.goBackwards, layer.backwardLayer.goBackwards]).toEqual([
      false,
      true,
    ]);
    // An independent forward RNN with the backward weights, run on the reversed input, reversed back.
    const check = simpleRNN({ units: 2, returnSequences: true });
    check.build(x.shape);
    check.setWeights(layer.backwardLayer.getWeights());
    const reversed = tf.reverse(x, 1);
    const raw = check.apply(reversed);
    const expected = tf.reverse(raw, 1);
    expectClose(yBackward as tf.Tensor, expected);
    expect(yForward?.shape).toEqual([1, 3, 2]);
    tf.dispose([x, yForward as tf.Tensor, yBackward as tf.Tensor, reversed, raw, expected]);
    layer.dispose();
    check.dispose();
  });

  it('returns forward then backward states and splits an initial state in halves', () => {
    const layer = bidirectional({ layer: lstm({ units: 2, returnState: true }), mergeMode: 'sum' });
    const x = tf.randomUniform([3, 2, 4], -1, 1, 'float32', 43);
    const result = outputs(layer.apply(x));
    expect(result.map((t) => t.shape)).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
    expect(layer.computeOutputShape([null, 2, 4])).toEqual([
      [null, 2],
      [null, 2],
      [null, 2],
      [null, 2],
      [null, 2],
    ]);
    // merged = h_forward + h_backward; h of each direction is its first state.
    const sum = tf.add(result[1] as tf.Tensor, result[3] as tf.Tensor);
    expectClose(result[0] as tf.Tensor, sum);
    const states = [1, 2, 3, 4].map((v) => tf.fill([3, 2], v / 10));
    const withState = outputs(layer.apply(x, { initialState: states }));
    const forwardAlone = outputs(layer.forwardLayer.apply(x, { initialState: states.slice(0, 2) }));
    expectClose(withState[1] as tf.Tensor, forwardAlone[0] as tf.Tensor);
    expect(() => layer.apply(x, { initialState: states.slice(0, 3) })).toThrow(
      'initial state must be 4 tensors (forward states, then backward states); received 3',
    );
    tf.dispose([x, sum, ...result, ...states, ...withState, ...forwardAlone]);
    layer.dispose();
  });

  it('owns the weights of both directions, and does not leak', async () => {
    const layer = bidirectional({ layer: simpleRNN({ units: 2, kernelRegularizer: 'l2' }) });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 44);
    await expectNoLeak(() => layer.apply(x), { delta: 6 });
    expect(layer.weights).toHaveLength(6);
    expect(layer.countParams()).toBe(2 * (2 * 2 + 2 * 2 + 2));
    await expectNoLeak(() => layer.regularizationLoss());
    const penalty = layer.regularizationLoss() as tf.Scalar;
    const k1 = layer.forwardLayer.kernel?.read() as tf.Tensor;
    const k2 = layer.backwardLayer.kernel?.read() as tf.Tensor;
    // l2 default factor 0.01 on both kernels.
    const expected = tf.mul(0.01, tf.add(tf.sum(tf.square(k1)), tf.sum(tf.square(k2))));
    expectClose(penalty, expected);
    layer.trainable = false;
    expect(layer.trainableWeights).toHaveLength(0);
    expect(layer.nonTrainableWeights).toHaveLength(6);
    await expectNoLeak(() => tf.grad((v: tf.Tensor) => layer.apply(v))(x));
    tf.dispose([x, penalty, expected]);
    const before = tf.memory().numTensors;
    layer.dispose();
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before - 6);
  });

  it('builds graph outputs from symbolic inputs', () => {
    const layer = bidirectional({ layer: lstm({ units: 2, returnSequences: true }) });
    const y = layer.apply(input({ shape: [5, 3] })) as SymbolicTensor;
    expect(y.shape).toEqual([null, 5, 4]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 8], [2, 8], [8], [3, 8], [2, 8], [8]]);
    layer.dispose();
  });

  it('round-trips its config, through the registry too, and validates its arguments', () => {
    const layer = bidirectional({
      layer: lstm({ units: 3, returnSequences: true, name: 'enc' }),
      mergeMode: 'ave',
    });
    const config = layer.getConfig();
    // The wrapped layer is stored under its own name; TF.js adds `forward_` when it loads the
    // file (and Keras 3 strips then re-adds it), so storing `forward_enc` would load as
    // `forward_forward_enc` there and its weights would match no variable.
    expect(config).toMatchObject({
      mergeMode: 'ave',
      layer: { className: 'LSTM', config: { name: 'enc', units: 3 } },
    });
    expect(layer.forwardLayer.name).toBe('forward_enc');
    const copy = Bidirectional.fromConfig(config);
    expect(copy.getConfig()).toEqual(config);
    expect(copy.backwardLayer.name).toBe('backward_enc');
    expect(deserializeLayer({ className: 'Bidirectional', config }).getConfig()).toEqual(config);
    expect(
      bidirectional({ layer: lstm({ units: 1 }), mergeMode: null }).getConfig().mergeMode,
    ).toBeNull();
    expect(() => bidirectional({ layer: dense({ units: 2 }) })).toThrow(
      'Bidirectional: `layer` must be a recurrent layer (SimpleRNN, LSTM, GRU); received "Dense"',
    );
    expect(() =>
      bidirectional({ layer: lstm({ units: 2 }), mergeMode: 'max' as BidirectionalMergeMode }),
    ).toThrow(
      "Bidirectional: `mergeMode` must be one of 'concat', 'sum', 'mul', 'ave'; received \"max\"",
    );
    expect(() => bidirectional({ layer: 3 as unknown as tf.SerializedObject })).toThrow(
      'Bidirectional: `layer` must be a layer or a {className, config} object; received 3',
    );
  });
});
