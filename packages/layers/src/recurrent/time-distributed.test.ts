import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerInputGradient } from '../../test/layer-checks.js';
import { dense } from '../core/dense.js';
import { TimeDistributed, timeDistributed } from './time-distributed.js';

describe('TimeDistributed', () => {
  it('applies the same dense layer to every step', () => {
    const inner = dense({ units: 3, activation: 'relu' });
    const layer = timeDistributed({ layer: inner });
    const x = tf.randomUniform([2, 4, 5], -1, 1, 'float32', 51);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4, 3]);
    for (let t = 0; t < 4; t++) {
      const step = tf.squeeze(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
      const expected = inner.apply(step);
      const actual = tf.squeeze(tf.slice(y, [0, t, 0], [-1, 1, -1]), [1]);
      expectClose(actual, expected, { label: `step ${t}` });
      tf.dispose([step, expected, actual]);
    }
    expect(layer.weights.map((w) => w.originalName)).toEqual([
      `${inner.name}/kernel`,
      `${inner.name}/bias`,
    ]);
    expect(layer.computeOutputShape([null, 4, 5])).toEqual([null, 4, 3]);
    expect(layer.computeOutputShape([null, null, 7, 5])).toEqual([null, null, 7, 3]);
    tf.dispose([x, y]);
    layer.dispose();
    expect(inner.isDisposed).toBe(true);
  });

  it('has input gradients matching finite differences, and does not leak', async () => {
    const layer = timeDistributed({ layer: dense({ units: 2, activation: 'tanh' }) });
    const x = tf.randomUniform([2, 3, 2], -1, 1, 'float32', 52);
    await expectNoLeak(() => layer.apply(x), { delta: 2 });
    await expectLayerInputGradient(layer, x);
    x.dispose();
    layer.dispose();
  });

  it('round-trips its config, through the registry too, and validates its input rank', () => {
    const layer = timeDistributed({ layer: dense({ units: 4, name: 'head' }) });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      layer: { className: 'Dense', config: { name: 'head', units: 4 } },
    });
    expectConfigRoundTrip(TimeDistributed, config);
    const x = tf.zeros([2, 3]);
    expect(() => layer.apply(x)).toThrow(
      'expected inputs of rank 3 or more (batch, time, ...); received shape (2, 3)',
    );
    x.dispose();
  });
});
