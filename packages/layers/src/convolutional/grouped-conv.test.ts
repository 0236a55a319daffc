import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { deserializeLayer } from '../registry.js';
import { conv1d } from './conv1d.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';

// Written by fixtures/grouped_conv.py (NumPy, direct summation per group).
const fixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/grouped_conv.json', import.meta.url), 'utf8'),
);

describe('grouped convolutions (Keras `groups`)', () => {
  it.each([
    ['valid', 1, 'valid', fixtures.conv2d.valid],
    ['same, strides 2', 2, 'same', fixtures.conv2d.sameStride2],
  ] as const)('Conv2D groups 2 matches NumPy: %s', async (_name, strides, padding, expected) => {
    const x = tf.tensor4d(fixtures.conv2d.x);
    const kernel = tf.tensor4d(fixtures.conv2d.kernel);
    const bias = tf.zeros([6]);
    const layer = conv2d({ filters: 6, kernelSize: 3, groups: 2, strides, padding });
    layer.build(x.shape);
    expect(layer.weights[0]?.shape).toEqual([3, 3, 2, 6]);
    layer.setWeights([kernel, bias]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expectClose(y, expected, { atol: 1e-5 });
      expect(y.shape).toEqual(layer.computeOutputShape(x.shape) as number[]);
      return y;
    });
    tf.dispose([x, kernel, bias]);
  });

  it('Conv1D groups 3 matches NumPy', () => {
    const x = tf.tensor3d(fixtures.conv1d.x);
    const kernel = tf.tensor3d(fixtures.conv1d.kernel);
    const layer = conv1d({ filters: 6, kernelSize: 3, groups: 3, useBias: false });
    layer.build(x.shape);
    layer.setWeights([kernel]);
    const y = layer.apply(x);
    expectClose(y, fixtures.conv1d.valid, { atol: 1e-5 });
    tf.dispose([x, kernel, y]);
  });

  it('round-trips groups in the config and validates it', () => {
    const config = conv2d({ filters: 4, kernelSize: 1, groups: 4 }).getConfig();
    expect(config.groups).toBe(4);
    expect(deserializeLayer({ className: 'Conv2D', config }).getConfig()).toEqual(config);
    expect(conv2d({ filters: 4, kernelSize: 1 }).getConfig().groups).toBe(1);
    expect(() => conv2d({ filters: 6, kernelSize: 1, groups: 4 })).toThrow(
      'Conv2D: `filters` (6) must be divisible by `groups` (4)',
    );
    expect(() => conv2d({ filters: 4, kernelSize: 1, groups: 0 })).toThrow(
      'Conv2D: `groups` must be an integer >= 1; received 0',
    );
    expect(() =>
      conv2d({ filters: 4, kernelSize: 1, groups: 2, name: 'g' }).build([null, 3, 3, 3]),
    ).toThrow('g: the 3 input channels must be divisible by `groups` (2)');
    expect(() => conv2dTranspose({ filters: 4, kernelSize: 1, groups: 2 })).toThrow(
      'Conv2DTranspose: `groups` must be 1 (Keras has no grouped transposed convolution); received 2',
    );
    expect(conv2dTranspose({ filters: 4, kernelSize: 1 }).getConfig()).not.toHaveProperty('groups');
  });
});
