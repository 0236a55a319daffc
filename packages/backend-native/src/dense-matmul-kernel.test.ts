import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { beforeAll, expect, it } from 'vitest';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';
import { nativeBackendName } from './index.js';

beforeAll(() => tf.registerDendriteKernels());

function dense(
  inputs: { a: tf.Tensor; b: tf.Tensor; bias?: tf.Tensor },
  attrs: { transposeA?: boolean; transposeB?: boolean; activation?: string } = {},
): tf.Tensor {
  const full = { transposeA: false, transposeB: false, activation: 'linear', ...attrs };
  return tf
    .engine()
    .runKernel(tf.DendriteMatMul, inputs, full as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describeKernels('DendriteMatMul on dendrite-native', () => {
  it('is registered natively, not copied from cpu', () => {
    const native = tf.getKernel(tf.DendriteMatMul, nativeBackendName);
    expect(native?.kernelFunc).not.toBe(tf.getKernel(tf.DendriteMatMul, 'cpu')?.kernelFunc);
  });

  it('computes relu(a·b + bias) by hand', async () => {
    // [[1,2],[3,4]]·[[1,-1],[1,-1]] = [[3,-3],[7,-7]]; + [0,5] = [[3,2],[7,-2]]; relu → [[3,2],[7,0]]
    const out = dense(
      {
        a: tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        b: tf.tensor2d([
          [1, -1],
          [1, -1],
        ]),
        bias: tf.tensor1d([0, 5]),
      },
      { activation: 'relu' },
    );
    expectClose(out, [
      [3, 2],
      [7, 0],
    ]);
  });

  it("matches cpu's version for every transpose, with and without bias and relu", async () => {
    const before = addonCalls.batchMatMul ?? 0;
    await expectSameOnBothBackends(() => {
      const outputs: tf.Tensor[] = [];
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const a = randomTensor(transposeA ? [13, 7] : [7, 13], 1);
          const b = randomTensor(transposeB ? [5, 13] : [13, 5], 2);
          outputs.push(dense({ a, b }, { transposeA, transposeB }));
          outputs.push(
            dense(
              { a, b, bias: randomTensor([5], 3) },
              { transposeA, transposeB, activation: 'relu' },
            ),
          );
        }
      }
      return outputs;
    });
    expect((addonCalls.batchMatMul ?? 0) - before).toBe(8);
  });

  it("leaves invalid inputs to cpu's version and its error", async () => {
    expect(() =>
      dense({ a: tf.zeros([2, 3]), b: tf.zeros([3, 4]), bias: tf.zeros([3]) }),
    ).toThrowError(
      'DendriteMatMul: `bias` must have shape [4] to match the output [2, 4]; received [3]',
    );
    expect(() =>
      dense({ a: tf.zeros([2, 3]), b: tf.zeros([3, 4]) }, { activation: 'tanh' }),
    ).toThrowError(/DendriteMatMul: `activation` must be 'linear' or 'relu'; received/);
  });
});
