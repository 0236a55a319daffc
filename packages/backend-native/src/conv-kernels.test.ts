import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, expect, it } from 'vitest';
import {
  addonCalls,
  type ConvCase,
  convCase,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';
import { loadAddon } from './addon.js';

const explicitPadding: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [1, 2],
  [0, 1],
  [0, 0],
];
const cases: ConvCase[] = [
  convCase('3x3 same', [2, 7, 6, 3], [3, 3, 3, 4], 1, 'same'),
  convCase('3x3 valid', [2, 7, 6, 3], [3, 3, 3, 4], 1, 'valid'),
  convCase('stride 2 same', [2, 9, 8, 2], [3, 2, 2, 5], 2, 'same'),
  convCase('strides [2,1] valid', [1, 9, 8, 2], [2, 3, 2, 3], [2, 1], 'valid'),
  convCase('pad 1', [2, 5, 5, 2], [3, 3, 2, 2], 1, 1),
  convCase('explicit padding', [1, 6, 5, 2], [3, 2, 2, 3], 2, explicitPadding),
  convCase('1x1 pointwise', [3, 4, 4, 5], [1, 1, 5, 6], 1, 'valid'),
];

describeKernels('Conv2D and its gradients on dendrite-native', () => {
  it('convolves a hand-worked example', async () => {
    // x = [[1,2,3],[4,5,6],[7,8,9]], filter [[1,0],[0,-1]] (valid, stride 1):
    // y[i][j] = x[i][j] - x[i+1][j+1] = [[1-5, 2-6], [4-8, 5-9]] = [[-4,-4],[-4,-4]]
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const filter = tf.tensor4d([1, 0, 0, -1], [2, 2, 1, 1]);
    expectClose(tf.conv2d(x, filter, 1, 'valid'), tf.tensor4d([-4, -4, -4, -4], [1, 2, 2, 1]));
  });

  for (const c of cases) {
    it(`matches cpu forward and in both gradients (${c.label})`, async () => {
      const before = { ...addonCalls };
      await expectSameOnBothBackends(() => {
        const x = randomTensor(c.x, 1);
        const filter = randomTensor(c.filter, 2);
        const f = (input: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.sin(tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad)));
        return [
          tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, c.strides, c.pad),
          ...tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([x, filter]),
        ];
      });
      expect(addonCalls.conv2d).toBe((before.conv2d ?? 0) + 2);
      expect(addonCalls.conv2dBackpropInput).toBe((before.conv2dBackpropInput ?? 0) + 1);
      expect(addonCalls.conv2dBackpropFilter).toBe((before.conv2dBackpropFilter ?? 0) + 1);
    });
  }

  it('matches cpu with dilations', async () => {
    await expectSameOnBothBackends(() => [
      tf.conv2d(
        randomTensor([2, 9, 8, 2], 3) as tf.Tensor4D,
        randomTensor([3, 3, 2, 3], 4) as tf.Tensor4D,
        1,
        'same',
        'NHWC',
        2,
      ),
      tf.conv2d(
        randomTensor([1, 9, 9, 2], 5) as tf.Tensor4D,
        randomTensor([2, 3, 2, 3], 6) as tf.Tensor4D,
        1,
        'valid',
        'NHWC',
        [3, 2],
      ),
    ]);
  });

  it('matches cpu on conv2dTranspose (Conv2DBackpropInput)', async () => {
    await expectSameOnBothBackends(() =>
      tf.conv2dTranspose(
        randomTensor([2, 4, 4, 3], 7) as tf.Tensor4D,
        randomTensor([3, 3, 5, 3], 8) as tf.Tensor4D,
        [2, 8, 8, 5],
        2,
        'same',
      ),
    );
  });

  it('matches cpu on fused conv2d with bias and relu', async () => {
    const before = addonCalls.biasActivation ?? 0;
    await expectSameOnBothBackends(() =>
      tf.fused.conv2d({
        x: randomTensor([2, 6, 6, 3], 9) as tf.Tensor4D,
        filter: randomTensor([3, 3, 3, 4], 10) as tf.Tensor4D,
        bias: randomTensor([4], 11),
        strides: 1,
        pad: 'same',
        activation: 'relu',
      }),
    );
    expect(addonCalls.biasActivation).toBe(before + 1);
  });

  it('leaves NCHW to the cpu kernel with the same result', async () => {
    const before = addonCalls.conv2d ?? 0;
    await expectSameOnBothBackends(() =>
      tf.conv2d(
        randomTensor([1, 2, 5, 5], 12) as tf.Tensor4D,
        randomTensor([3, 3, 2, 3], 13) as tf.Tensor4D,
        1,
        'same',
        'NCHW',
      ),
    );
    expect(addonCalls.conv2d).toBe(before);
  });

  it('frees every intermediate', async () => {
    const x = randomTensor([2, 5, 5, 2], 14) as tf.Tensor4D;
    const filter = randomTensor([3, 3, 2, 3], 15) as tf.Tensor4D;
    const backend = tf.engine().backend;
    const dataIds = backend.numDataIds();
    await expectNoLeak(() => tf.conv2d(x, filter, 1, 'same'));
    await expectNoLeak(() =>
      tf.grads((a: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, 2, 'same')),
      )([x, filter]),
    );
    expect(backend.numDataIds()).toBe(dataIds);
    tf.dispose([x, filter]);
  });
});

// A budget of 7 windows forces tiles that start and end in the middle of output rows and span
// images, so every tile boundary case of im2col and col2im runs.
const windows = 7;
let previous = 0;

afterAll(() => {
  if (previous > 0) loadAddon().setScratchBudget(previous);
});

const tilingCases: ConvCase[] = [
  convCase('3x3 same, 2 images', [2, 5, 6, 3], [3, 3, 3, 4], 1, 'same'),
  convCase('stride 2 valid', [3, 9, 7, 2], [3, 2, 2, 3], 2, 'valid'),
  convCase('strides [1,2] same', [2, 8, 8, 2], [3, 3, 2, 2], [1, 2], 'same'),
];

describeKernels('convolutions tiled through a small scratch budget', () => {
  for (const c of tilingCases) {
    it(`match cpu forward and in both gradients (${c.label})`, async () => {
      const k = c.filter[0] * c.filter[1] * c.filter[2];
      previous = loadAddon().setScratchBudget(windows * k);
      const before = addonCalls.conv2dBackpropFilter ?? 0;
      await expectSameOnBothBackends(() => {
        const x = randomTensor(c.x, 21) as tf.Tensor4D;
        const filter = randomTensor(c.filter, 22) as tf.Tensor4D;
        const conv = (input: tf.Tensor, w: tf.Tensor) =>
          tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad);
        const f = (input: tf.Tensor, w: tf.Tensor) => tf.sum(tf.sin(conv(input, w)));
        return [
          conv(x, filter),
          ...tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([x, filter]),
        ];
      });
      // The budget is a real setting: it comes back as the previous value.
      expect(loadAddon().setScratchBudget(previous)).toBe(windows * k);
      expect(addonCalls.conv2dBackpropFilter).toBe(before + 1);
    });
  }
});
