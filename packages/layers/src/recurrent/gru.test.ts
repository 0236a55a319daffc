import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectLayerGradient, expectMatchesTfjsOnRandom } from '../../test/layer-checks.js';
import {
  type CellWeights,
  loadCellFixture,
  readRecurrentFixtures,
} from '../../test/recurrent-fixtures.js';
import { GRU, gru } from './gru.js';

interface GruFixture extends CellWeights {
  sequence?: number[][][];
  h1?: number[][];
}

const fixtures = readRecurrentFixtures<{
  gruResetAfter: GruFixture;
  gruResetBefore: GruFixture;
}>();

function loaded(resetAfter: boolean, fixture: GruFixture) {
  const layer = gru({ units: 2, resetAfter, returnSequences: true });
  return { layer, ...loadCellFixture(layer, fixture) };
}

describe('GRU', () => {
  it('computes two reset-after steps like the NumPy reference (Keras 3 default)', () => {
    const { layer, x, h0 } = loaded(true, fixtures.gruResetAfter);
    const y = layer.apply(x, { initialState: h0 });
    expectClose(y, fixtures.gruResetAfter.sequence as number[][][], { atol: 1e-5 });
    tf.dispose([x, h0, y]);
    layer.dispose();
  });

  it('computes a reset-before step like the NumPy reference', () => {
    const { layer, x, h0 } = loaded(false, fixtures.gruResetBefore);
    const y = layer.apply(x, { initialState: h0 });
    expectClose(
      y,
      [fixtures.gruResetBefore.h1 as number[][]].map((h) =>
        h.map((row) => [row]),
      )[0] as number[][][],
      {
        atol: 1e-5,
      },
    );
    tf.dispose([x, h0, y]);
    layer.dispose();
  });

  it('has Keras weight shapes and defaults', () => {
    const after = gru({ units: 2 });
    after.build([null, 4, 3]);
    expect(after.weights.map((w) => w.shape)).toEqual([
      [3, 6],
      [2, 6],
      [2, 6],
    ]);
    expect(after.getConfig()).toMatchObject({
      resetAfter: true,
      recurrentActivation: 'sigmoid',
      activation: 'tanh',
    });
    const before = gru({ units: 2, resetAfter: false });
    before.build([null, 4, 3]);
    expect(before.weights.map((w) => w.shape)).toEqual([[3, 6], [2, 6], [6]]);
    after.dispose();
    before.dispose();
  });

  it.each([
    ['last output', {}],
    [
      'sequences and state, backwards',
      { returnSequences: true, returnState: true, goBackwards: true },
    ],
  ])('matches tfjs-layers GRU with resetAfter false (%s)', (_, extra) => {
    const args = { units: 3, resetAfter: false, ...extra };
    const theirs = tfl.layers.gru({ ...args, recurrentActivation: 'sigmoid' });
    expectMatchesTfjsOnRandom(gru(args), theirs, [2, 4, 5], 31);
  });

  it('has input gradients matching finite differences, and does not leak', async () => {
    const layer = gru({ units: 2, returnSequences: true, recurrentDropout: 0.3 });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 32);
    await expectNoLeak(() => layer.apply(x), { delta: 3 });
    await expectNoLeak(() => layer.apply(x, { training: true }));
    expectLayerGradient(layer, x);
    x.dispose();
    layer.dispose();
  });

  it('round-trips its config and validates its arguments', () => {
    const config = gru({
      units: 3,
      resetAfter: false,
      goBackwards: true,
      kernelRegularizer: 'l2',
    }).getConfig();
    expect(config).toMatchObject({ resetAfter: false, goBackwards: true });
    expect(GRU.fromConfig(config).getConfig()).toEqual(config);
    expect(() => gru({ units: -1 })).toThrow(
      'GRU: `units` must be a positive integer; received -1',
    );
  });
});
