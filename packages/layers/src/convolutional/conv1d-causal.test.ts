import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerGradient } from '../../test/layer-checks.js';
import { Conv1D, conv1d } from './conv1d.js';

describe("Conv1D padding 'causal'", () => {
  it('left-pads by dilation·(kernel - 1) (hand-worked)', async () => {
    const x = tf.tensor3d([1, 2, 3, 4], [1, 4, 1]);
    const kernel = tf.tensor3d([10, 1], [2, 1, 1]);
    const bias = tf.tensor1d([0]);
    const layer = conv1d({ filters: 1, kernelSize: 2, padding: 'causal' });
    layer.build(x.shape);
    layer.setWeights([kernel, bias]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      // Padded [0, 1, 2, 3, 4]: y_t = 10·x_{t-1} + x_t = 0+1, 10+2, 20+3, 30+4.
      expectClose(y, [[[1], [12], [23], [34]]]);
      return y;
    });
    const dilated = conv1d({ filters: 1, kernelSize: 2, padding: 'causal', dilationRate: 2 });
    dilated.build(x.shape);
    dilated.setWeights([kernel, bias]);
    const y = dilated.apply(x);
    // Padded [0, 0, 1, 2, 3, 4]: y_t = 10·x_{t-2} + x_t = 1, 2, 10+3, 20+4.
    expectClose(y, [[[1], [2], [13], [24]]]);
    tf.dispose([x, kernel, bias, y]);
    layer.dispose();
    dilated.dispose();
  });

  it('matches tfjs-layers valid Conv1D on explicitly left-padded inputs, with copied weights', () => {
    // tfjs-layers refuses 'causal' ("not implemented yet"), so pad by hand and run its 'valid' conv.
    for (const extra of [{ dilationRate: 1 }, { dilationRate: 2 }, { strides: 2 }]) {
      const ours = conv1d({ filters: 3, kernelSize: 3, padding: 'causal', ...extra });
      const theirs = tfl.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'valid', ...extra });
      const x = tf.randomUniform([2, 9, 4], -1, 1, 'float32', 5);
      const left = (extra.dilationRate ?? 1) * (3 - 1);
      const padded = tf.pad(x, [
        [0, 0],
        [left, 0],
        [0, 0],
      ]);
      const y = ours.apply(x);
      tf.dispose(theirs.apply(padded) as tf.Tensor);
      const weights = ours.getWeights();
      theirs.setWeights(weights);
      const expected = theirs.apply(padded) as tf.Tensor;
      expectClose(y, expected, { atol: 1e-5 });
      expect(ours.computeOutputShape([null, 9, 4])).toEqual([null, ...y.shape.slice(1)]);
      tf.dispose([x, padded, y, expected, ...weights]);
      ours.dispose();
    }
  });

  it('never looks ahead: changing the last step changes only the last output', () => {
    const layer = conv1d({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2 });
    const a = tf.randomUniform([1, 6, 2], -1, 1, 'float32', 6);
    const b = tf.concat([tf.slice(a, [0, 0, 0], [1, 5, 2]), tf.fill([1, 1, 2], 9)], 1);
    const ya = layer.apply(a);
    const yb = layer.apply(b);
    expectClose(tf.slice(ya, [0, 0, 0], [1, 5, 2]), tf.slice(yb, [0, 0, 0], [1, 5, 2]));
    expect(ya.shape).toEqual([1, 6, 2]);
    tf.dispose([a, b, ya, yb]);
    layer.dispose();
  });

  it('has finite-difference input gradients, also channels first', () => {
    const layer = conv1d({
      filters: 2,
      kernelSize: 2,
      padding: 'causal',
      dataFormat: 'channelsFirst',
    });
    const x = tf.randomUniform([1, 3, 5], -1, 1, 'float32', 7);
    expectLayerGradient(layer, x);
    expect(layer.computeOutputShape([null, 3, 5])).toEqual([null, 2, 5]);
    tf.dispose(x);
    layer.dispose();
  });

  it('round-trips padding causal in its config and validates padding', () => {
    const layer = conv1d({ filters: 2, kernelSize: 4, padding: 'causal' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ padding: 'causal' });
    expect(layer.causal).toBe(true);
    expectConfigRoundTrip(Conv1D, config);
    expect(conv1d({ filters: 1, kernelSize: 2 }).getConfig()).toMatchObject({ padding: 'valid' });
    expect(() => conv1d({ filters: 1, kernelSize: 2, padding: 'full' as 'same' })).toThrow(
      `Conv1D: \`padding\` must be one of 'valid', 'same', 'causal'; received "full"`,
    );
  });
});
