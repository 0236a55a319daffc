import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  addonCalls,
  expectSameOnBothBackends,
  randomTensor,
  registerCountingBackend,
} from '../test/compare-backends.js';
import { describeNative } from '../test/native-gate.js';
import { loadAddon } from './addon.js';

// A budget of 7 windows forces tiles that start and end in the middle of output rows and span
// images, so every tile boundary case of im2col and col2im runs.
const windows = 7;
let previous = 0;

beforeAll(() => registerCountingBackend());
afterAll(() => {
  if (previous > 0) loadAddon().setScratchBudget(previous);
});

const cases: Array<{
  label: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
}> = [
  { label: '3x3 same, 2 images', x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { label: 'stride 2 valid', x: [3, 9, 7, 2], filter: [3, 2, 2, 3], strides: 2, pad: 'valid' },
  {
    label: 'strides [1,2] same',
    x: [2, 8, 8, 2],
    filter: [3, 3, 2, 2],
    strides: [1, 2],
    pad: 'same',
  },
];

describeNative('convolutions tiled through a small scratch budget', () => {
  for (const c of cases) {
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
