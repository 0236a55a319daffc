import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import {
  expectConfigRoundTrip,
  expectLayerInputGradient,
  expectMatchesTfjsOnRandom,
} from '../../test/layer-checks.js';
import { SimpleRNN, simpleRNN } from './simple-rnn.js';

describe('SimpleRNN', () => {
  it('runs a hand-worked linear recurrence', () => {
    const layer = simpleRNN({ units: 1, activation: 'linear', returnSequences: true });
    const x = tf.tensor3d([1, 2, 3], [1, 3, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor2d([[2]]), tf.tensor2d([[0.5]]), tf.tensor1d([1])]);
    // h1 = 2·1 + 1 + 0.5·0 = 3; h2 = 2·2 + 1 + 0.5·3 = 6.5; h3 = 2·3 + 1 + 0.5·6.5 = 10.25
    const y = layer.apply(x);
    expectClose(y, tf.tensor3d([3, 6.5, 10.25], [1, 3, 1]));
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('has Keras weight shapes and defaults', () => {
    const layer = simpleRNN({ units: 4 });
    layer.build([null, 5, 3]);
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      [`${layer.name}/kernel`, [3, 4]],
      [`${layer.name}/recurrent_kernel`, [4, 4]],
      [`${layer.name}/bias`, [4]],
    ]);
    // The recurrent kernel is orthogonal by default: Uᵀ·U = I.
    const u = layer.recurrentKernel?.read() as tf.Tensor2D;
    const gram = tf.matMul(u, u, true, false);
    expectClose(gram, tf.eye(4), { atol: 1e-5 });
    expect(layer.getConfig()).toMatchObject({
      activation: 'tanh',
      useBias: true,
      returnSequences: false,
    });
    gram.dispose();
    layer.dispose();
  });

  it.each([
    ['last output', {}],
    ['sequences, backwards', { returnSequences: true, goBackwards: true }],
    ['relu, no bias', { activation: 'relu' as const, useBias: false }],
  ])('matches tfjs-layers SimpleRNN (%s)', (_, extra) => {
    const args = { units: 3, ...extra };
    const theirs = tfl.layers.simpleRNN(args);
    expectMatchesTfjsOnRandom(simpleRNN(args), theirs, [2, 4, 5], 11);
  });

  it('returns the final state and reverses the sequence with goBackwards', () => {
    const forward = simpleRNN({ units: 2, returnSequences: true, returnState: true });
    const backward = simpleRNN({ units: 2, returnSequences: true, goBackwards: true });
    const x = tf.randomUniform([2, 3, 4], -1, 1, 'float32', 12);
    forward.build(x.shape);
    backward.build(x.shape);
    backward.setWeights(forward.getWeights());
    const [sequence, state] = forward.apply(x) as unknown as tf.Tensor[];
    expect(sequence?.shape).toEqual([2, 3, 2]);
    expect(forward.computeOutputShape([null, 3, 4])).toEqual([
      [null, 3, 2],
      [null, 2],
    ]);
    // The state is the last output.
    expectClose(
      state as tf.Tensor,
      tf.squeeze(tf.slice(sequence as tf.Tensor, [0, 2, 0], [-1, 1, -1]), [1]),
    );
    // Running backwards equals running forwards over the time-reversed input.
    const reversedInput = tf.reverse(x, 1);
    const expected = forward.apply(reversedInput) as unknown as tf.Tensor[];
    const y = backward.apply(x);
    expectClose(y, expected[0] as tf.Tensor);
    tf.dispose([x, sequence as tf.Tensor, state as tf.Tensor, reversedInput, y, ...expected]);
    forward.dispose();
    backward.dispose();
  });

  it('uses an initial state given as a call argument or as extra inputs', () => {
    const layer = simpleRNN({ units: 1, activation: 'linear', useBias: false });
    const x = tf.tensor3d([1, 1], [1, 2, 1]);
    layer.build(x.shape);
    layer.setWeights([tf.tensor2d([[1]]), tf.tensor2d([[2]])]);
    const h0 = tf.tensor2d([[3]]);
    // h1 = 1 + 2·3 = 7; h2 = 1 + 2·7 = 15
    const a = layer.apply(x, { initialState: h0 });
    const b = layer.apply([x, h0]) as tf.Tensor;
    expectClose(a, [[15]]);
    expectClose(b, [[15]]);
    expect(() => layer.apply(x, { initialState: tf.zeros([2, 1]) })).toThrow(
      /initial state must be 1 tensor\(s\) of shape \(1, 1\); received \(2, 1\)/,
    );
    tf.dispose([x, h0, a, b]);
    layer.dispose();
  });

  it('applies dropout only in training, with repeatable seeded masks', () => {
    const args = { units: 3, dropout: 0.5, recurrentDropout: 0.5, seed: 3 };
    const a = simpleRNN(args);
    const b = simpleRNN(args);
    const x = tf.randomUniform([4, 3, 6], -1, 1, 'float32', 13);
    a.build(x.shape);
    b.build(x.shape);
    b.setWeights(a.getWeights());
    const inference = a.apply(x);
    const plain = simpleRNN({ units: 3 });
    plain.build(x.shape);
    plain.setWeights(a.getWeights());
    const reference = plain.apply(x);
    expectClose(inference, reference);
    const trainA = a.apply(x, { training: true });
    const trainB = b.apply(x, { training: true });
    expectClose(trainA, trainB);
    expect(Math.max(...tf.abs(tf.sub(trainA, reference)).dataSync())).toBeGreaterThan(1e-3);
    tf.dispose([x, inference, reference, trainA, trainB]);
    for (const l of [a, b, plain]) l.dispose();
  });

  it('has input gradients matching finite differences, and does not leak', async () => {
    const layer = simpleRNN({ units: 2, returnSequences: true });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 14);
    await expectNoLeak(() => layer.apply(x), { delta: 3 });
    await expectNoLeak(() => layer.apply(x, { training: true }));
    await expectLayerInputGradient(layer, x);
    x.dispose();
    layer.dispose();
  });

  it('round-trips its config, through the registry too, and validates its arguments', () => {
    const layer = simpleRNN({
      units: 3,
      activation: 'relu',
      returnState: true,
      dropout: 0.1,
      seed: 4,
    });
    const config = layer.getConfig();
    expectConfigRoundTrip(SimpleRNN, config);
    expect(() => simpleRNN({ units: 0 })).toThrow(
      'SimpleRNN: `units` must be a positive integer; received 0',
    );
    expect(() => simpleRNN({ units: 2, dropout: 1 })).toThrow(
      'SimpleRNN: `dropout` must be a finite number in [0, 1); received 1',
    );
    expect(() => simpleRNN({ units: 2, recurrentDropout: -0.1 })).toThrow(
      'SimpleRNN: `recurrentDropout` must be a finite number in [0, 1); received -0.1',
    );
    expect(() => simpleRNN({ units: 2, stateful: true })).toThrow(
      'SimpleRNN: `stateful` must be false (stateful RNNs are not supported); received true',
    );
    const built = simpleRNN({ units: 2 });
    const x2 = tf.zeros([2, 3]);
    expect(() => built.apply(x2)).toThrow(
      'expected inputs of shape (batch, time, features) with known features; received shape (2, 3)',
    );
    const x3 = tf.zeros([1, 2, 3]);
    tf.dispose(built.apply(x3));
    const wrong = tf.zeros([1, 2, 4]);
    expect(() => built.apply(wrong)).toThrow(
      'expected inputs of shape (batch, time, 3); received shape (1, 2, 4)',
    );
    tf.dispose([x2, x3, wrong]);
    built.dispose();
  });

  it('outputs zeros at masked steps with zeroOutputForMask (hand-worked)', async () => {
    // h_t = x_t (kernel 1, recurrent 0, linear); mask [1, 0, 1]: the masked step repeats
    // h = 1 by default, and is 0 with zeroOutputForMask; the states carry over either way.
    const x = tf.tensor3d([[[1], [2], [3]]]);
    const mask = tf.tensor2d([[1, 0, 1]], undefined, 'bool');
    const lastMasked = tf.tensor2d([[1, 1, 0]], undefined, 'bool');
    const weights = [tf.tensor2d([[1]]), tf.tensor2d([[0]]), tf.tensor1d([0])];
    const make = (zeroOutputForMask: boolean, returnSequences: boolean) => {
      const layer = simpleRNN({
        units: 1,
        activation: 'linear',
        returnSequences,
        zeroOutputForMask,
      });
      layer.build(x.shape);
      layer.setWeights(weights);
      return layer;
    };
    const repeat = make(false, true);
    const zero = make(true, true);
    const zeroLast = make(true, false);
    await expectNoLeak(() => {
      const a = repeat.apply(x, { mask });
      expectClose(a, [[[1], [1], [3]]]);
      const b = zero.apply(x, { mask });
      expectClose(b, [[[1], [0], [3]]]);
      // Keras: the last output of a masked final step is zeros too.
      const c = zeroLast.apply(x, { mask: lastMasked });
      expectClose(c, [[0]]);
      return [a, b, c];
    });
    expect(zero.getConfig().zeroOutputForMask).toBe(true);
    expect(repeat.getConfig().zeroOutputForMask).toBe(false);
    expect(() => simpleRNN({ units: 1, timeMajor: true })).toThrow(
      'SimpleRNN: `timeMajor` must be false (time-major inputs are not supported); received true',
    );
    tf.dispose([x, mask, lastMasked, ...weights]);
  });
});
