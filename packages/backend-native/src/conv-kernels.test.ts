import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { beforeAll, expect, it } from 'vitest';
import {
  addonCalls,
  expectSameOnBothBackends,
  randomTensor,
  registerCountingBackend,
} from '../test/compare-backends.js';
import { describeNative } from '../test/native-gate.js';
import { nativeBackendName } from './index.js';

beforeAll(() => registerCountingBackend());

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

const cases: Array<{
  label: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dilations?: number;
}> = [
  { label: '3x3 same', x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { label: '3x3 valid', x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { label: 'stride 2 same', x: [2, 9, 8, 2], filter: [3, 2, 2, 5], strides: 2, pad: 'same' },
  {
    label: 'strides [2,1] valid',
    x: [1, 9, 8, 2],
    filter: [2, 3, 2, 3],
    strides: [2, 1],
    pad: 'valid',
  },
  { label: 'pad 1', x: [2, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
  {
    label: 'explicit padding',
    x: [1, 6, 5, 2],
    filter: [3, 2, 2, 3],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { label: '1x1 pointwise', x: [3, 4, 4, 5], filter: [1, 1, 5, 6], strides: 1, pad: 'valid' },
];

describeNative('Conv2D and its gradients on dendrite-native', () => {
  it('convolves a hand-worked example', async () => {
    await tf.setBackend(nativeBackendName);
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
    await tf.setBackend(nativeBackendName);
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
