import * as tf from '@dendrite/tensor';
import { expectClose, expectMatchesTfjsLayer, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerGradient } from '../../test/layer-checks.js';
import { PReLU, pReLU, prelu } from './prelu.js';

describe('PReLU', () => {
  it('starts as relu (zero slopes) with one slope per input entry', async () => {
    const layer = pReLU();
    const x = tf.tensor2d([
      [-1, 2, -3],
      [4, -5, 6],
    ]);
    await expectNoLeak(() => layer.apply(x), { delta: 1 }); // the alpha weight
    const y = layer.apply(x);
    expectClose(y, [
      [0, 2, 0],
      [4, 0, 6],
    ]);
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      [`${layer.name}/alpha`, [3]],
    ]);
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('scales negative inputs by the learned slopes (hand-worked, shared axes)', () => {
    const layer = pReLU({ sharedAxes: [1] });
    const x = tf.tensor3d([-2, 1, -4, -6, 3, -1], [1, 3, 2]);
    layer.build(x.shape);
    expect(layer.alpha?.shape).toEqual([1, 2]);
    layer.setWeights([tf.tensor2d([[0.5, 0.1]])]);
    // Column 0 slope 0.5: -2 → -1, -4 → -2, 3 → 3; column 1 slope 0.1: 1 → 1, -6 → -0.6, -1 → -0.1.
    const y = layer.apply(x);
    expectClose(y, tf.tensor3d([-1, 1, -2, -0.6, 3, -0.1], [1, 3, 2]));
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('matches tfjs-layers PReLU with copied weights', () => {
    const x = tf.randomUniform([2, 3, 4, 5], -2, 2, 'float32', 12);
    const ours = prelu({ sharedAxes: [1, 2], alphaInitializer: 'randomUniform' });
    const theirs = tfl.layers.prelu({ sharedAxes: [1, 2] });
    expectMatchesTfjsLayer(ours, theirs, x);
    expect(ours.weights[0]?.shape).toEqual([1, 1, 5]);
    x.dispose();
    ours.dispose();
  });

  it('passes finite-difference gradients to inputs and slopes', () => {
    const layer = pReLU({ alphaInitializer: { className: 'Constant', config: { value: 0.25 } } });
    const x = tf.tensor2d([[-1.2, 0.7, -0.4]]);
    layer.build(x.shape);
    expectLayerGradient(layer, x);
    const alpha = layer.alpha?.variable as tf.Variable;
    const { grads, value } = tf.variableGrads(() => tf.sum(layer.apply(x)) as tf.Scalar, [alpha]);
    // d/dalpha_j of sum(relu(x) - alpha·relu(-x)) = -relu(-x_j) = x_j where x_j < 0: [-1.2, 0, -0.4].
    expectClose(grads[alpha.name] as tf.Tensor, [-1.2, 0, -0.4]);
    tf.dispose([x, value, ...Object.values(grads)]);
    layer.dispose();
  });

  it('round-trips its config, including regularizer and constraint', () => {
    const layer = pReLU({ sharedAxes: 1, alphaRegularizer: 'l2', alphaConstraint: 'nonNeg' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ sharedAxes: [1], alphaInitializer: { className: 'Zeros' } });
    expectConfigRoundTrip(PReLU, config);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
  });

  it('rejects bad shared axes and unknown unshared dimensions', () => {
    expect(() => pReLU({ sharedAxes: [0] })).toThrow(
      'PReLU: `sharedAxes` must be a positive integer or an array of them; received [0]',
    );
    expect(() => pReLU({ name: 'p1', sharedAxes: [3] }).build([null, 4])).toThrow(
      'p1: shared axis 3 is out of range for inputs of shape [null,4]',
    );
    expect(() => pReLU({ name: 'p2' }).build([null, null, 4])).toThrow(
      'p2: axis 1 must be known or shared; received shape [null,null,4]',
    );
    const layer = pReLU({ name: 'p3' });
    const x = tf.ones([2, 3]);
    const other = tf.ones([2, 4]);
    layer.apply(x).dispose();
    expect(() => layer.apply(other)).toThrow(
      'p3: inputs of shape [2,4] do not fit slopes of shape [3]',
    );
    tf.dispose([x, other]);
    layer.dispose();
  });
});
