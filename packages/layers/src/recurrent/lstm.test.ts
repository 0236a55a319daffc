import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerInputGradient, expectMatchesTfjsOnRandom } from '../../test/layer-checks.js';
import {
  type CellWeights,
  loadCellFixture,
  readRecurrentFixtures,
} from '../../test/recurrent-fixtures.js';
import { LSTM, lstm } from './lstm.js';

interface LstmFixture extends CellWeights {
  c0: number[][];
  h1: number[][];
  c1: number[][];
}

const fixture = readRecurrentFixtures<{ lstm: LstmFixture }>().lstm;

describe('LSTM', () => {
  it('computes one step like the NumPy reference, returning [h, c]', () => {
    const layer = lstm({ units: 2, returnState: true });
    const { x, h0 } = loadCellFixture(layer, fixture);
    const c0 = tf.tensor2d(fixture.c0);
    const [y, h, c] = layer.apply(x, { initialState: [h0, c0] }) as unknown as tf.Tensor[];
    expectClose(y as tf.Tensor, fixture.h1, { atol: 1e-5 });
    expectClose(h as tf.Tensor, fixture.h1, { atol: 1e-5 });
    expectClose(c as tf.Tensor, fixture.c1, { atol: 1e-5 });
    tf.dispose([x, h0, c0, y as tf.Tensor, h as tf.Tensor, c as tf.Tensor]);
    layer.dispose();
  });

  it('has Keras weight shapes, sigmoid gates and a unit forget bias by default', () => {
    const layer = lstm({ units: 2 });
    layer.build([null, 4, 3]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 8], [2, 8], [8]]);
    // Gate blocks i, f, c, o: only f starts at one.
    expectClose(layer.bias?.read() as tf.Tensor, [0, 0, 1, 1, 0, 0, 0, 0]);
    expect(layer.getConfig()).toMatchObject({
      recurrentActivation: 'sigmoid',
      unitForgetBias: true,
      activation: 'tanh',
    });
    const plain = lstm({ units: 2, unitForgetBias: false, biasInitializer: 'ones' });
    plain.build([null, 4, 3]);
    expectClose(plain.bias?.read() as tf.Tensor, [1, 1, 1, 1, 1, 1, 1, 1]);
    layer.dispose();
    plain.dispose();
  });

  it.each([
    ['last output', {}],
    ['sequences and state', { returnSequences: true, returnState: true }],
    ['backwards, no bias', { goBackwards: true, useBias: false }],
  ])('matches tfjs-layers LSTM with sigmoid gates (%s)', (_, extra) => {
    const args = { units: 3, ...extra };
    const theirs = tfl.layers.lstm({ ...args, recurrentActivation: 'sigmoid' });
    expectMatchesTfjsOnRandom(lstm(args), theirs, [2, 4, 5], 21);
  });

  it('has input gradients matching finite differences, and does not leak', async () => {
    const layer = lstm({ units: 2, returnSequences: true });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 22);
    await expectNoLeak(() => layer.apply(x), { delta: 3 });
    await expectNoLeak(() => layer.apply(x, { training: true }));
    await expectLayerInputGradient(layer, x);
    const weightGrads = tf.variableGrads(() => tf.sum(layer.apply(x)) as tf.Scalar);
    expect(Object.keys(weightGrads.grads)).toHaveLength(3);
    tf.dispose([weightGrads.value, ...Object.values(weightGrads.grads)]);
    x.dispose();
    layer.dispose();
  });

  it('drops in training only', () => {
    const layer = lstm({ units: 2, dropout: 0.5, recurrentDropout: 0.5, seed: 1 });
    const x = tf.randomUniform([3, 3, 4], -1, 1, 'float32', 23);
    const a = layer.apply(x);
    const b = layer.apply(x);
    const t = layer.apply(x, { training: true });
    expectClose(a, b);
    expect(Math.max(...tf.abs(tf.sub(a, t)).dataSync())).toBeGreaterThan(1e-3);
    tf.dispose([x, a, b, t]);
    layer.dispose();
  });

  it('round-trips its config and validates its arguments', () => {
    const config = lstm({
      units: 4,
      recurrentActivation: 'hardSigmoid',
      unitForgetBias: false,
      returnSequences: true,
    }).getConfig();
    expect(config).toMatchObject({
      units: 4,
      recurrentActivation: 'hardSigmoid',
      unitForgetBias: false,
    });
    expect(LSTM.fromConfig(config).getConfig()).toEqual(config);
    expect(() => lstm({ units: 2.5 })).toThrow(
      'LSTM: `units` must be a positive integer; received 2.5',
    );
    const layer = lstm({ units: 2 });
    const x = tf.zeros([1, 2, 3]);
    expect(() => layer.apply(x, { initialState: [tf.zeros([1, 2])] })).toThrow(
      'initial state must be 2 tensor(s) of shape (1, 2), (1, 2); received (1, 2)',
    );
    x.dispose();
    layer.dispose();
  });
});
