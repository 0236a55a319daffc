import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';

describeKernels('elementwise kernels on dendrite-native', () => {
  it('adds a bias row by hand', async () => {
    // [[1,2],[3,4]] + [10,20] = [[11,22],[13,24]]; 6 / [[1,2],[3,4]] = [[6,3],[2,1.5]]
    expectClose(
      tf.add(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor1d([10, 20]),
      ),
      [
        [11, 22],
        [13, 24],
      ],
    );
    expectClose(
      tf.div(
        tf.scalar(6),
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
      ),
      [
        [6, 3],
        [2, 1.5],
      ],
    );
    // column sums of [[1,2],[3,4]] = [4,6]
    expectClose(
      tf.sum(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        0,
      ),
      [4, 6],
    );
  });

  const ops = { add: tf.add, sub: tf.sub, mul: tf.mul, div: tf.div };
  for (const [op, f] of Object.entries(ops) as Array<
    [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]
  >) {
    it(`matches cpu for ${op} on equal, bias, scalar and middle broadcasts`, async () => {
      await expectSameOnBothBackends(() => {
        const x = randomTensor([4, 3, 5], 1);
        return [
          f(x, randomTensor([4, 3, 5], 2)),
          f(x, randomTensor([5], 3)),
          f(randomTensor([1, 3, 5], 4), x),
          f(x, tf.scalar(1.5)),
          f(tf.scalar(-2), x),
          f(x, randomTensor([3, 1], 5)),
          f(x, randomTensor([4, 1, 1], 11)),
          f(randomTensor([4, 3, 1], 12), x),
          f(randomTensor([1, 3, 1], 13), x),
          f(randomTensor([6, 2], 14), randomTensor([6, 1], 15)),
          f(randomTensor([6, 1], 16), randomTensor([1, 2], 17)),
          f(randomTensor([2, 1, 3], 18), randomTensor([2, 4, 3], 19)),
          f(randomTensor([4, 1, 5], 6), randomTensor([3, 1], 7)),
          f(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([4, 5, 6], 'int32')),
        ];
      });
    });
  }

  it('takes the native loop for per-row values and falls back for an outer sum', async () => {
    const before = addonCalls.binary ?? 0;
    // [[1,2],[3,4]] - [[1],[3]] = [[0,1],[0,1]]: one value per row, as softmax subtracts the max
    expectClose(
      tf.sub(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([[1], [3]]),
      ),
      [
        [0, 1],
        [0, 1],
      ],
    );
    expect((addonCalls.binary ?? 0) - before).toBe(1);
    // [[1],[2]] + [[10, 20]] = [[11,21],[12,22]]: neither operand is full size, so cpu does it
    expectClose(tf.add(tf.tensor2d([[1], [2]]), tf.tensor2d([[10, 20]])), [
      [11, 21],
      [12, 22],
    ]);
    expect((addonCalls.binary ?? 0) - before).toBe(1);
  });

  it('matches cpu bit for bit for sqrt, square, relu, step, exp, neg and log, NaN and int32 included', async () => {
    const before = addonCalls.unary ?? 0;
    await expectSameOnBothBackends(
      () => {
        const x = randomTensor([5, 7], 10);
        const special = tf.tensor1d([Number.NaN, -0, 0, 1e-30, -2, 3.5, Number.POSITIVE_INFINITY]);
        const ints = tf.tensor1d([-3, 0, 4], 'int32');
        return [
          tf.sqrt(tf.abs(x)),
          tf.sqrt(special),
          tf.square(x),
          tf.square(special),
          tf.relu(x),
          tf.relu(special),
          tf.step(x),
          tf.step(special, 0.25),
          tf.exp(x),
          tf.exp(special),
          tf.neg(x),
          tf.neg(special),
          tf.log(tf.abs(x)),
          tf.log(special),
          tf.relu(ints),
          tf.square(ints),
        ];
      },
      { rtol: 0, atol: 0 },
    );
    // Fourteen float32 outputs on the native backend; the int32 ones take the cpu kernels.
    expect((addonCalls.unary ?? 0) - before).toBe(14);
  });

  it('matches cpu bit for bit for softmax along the last axis', async () => {
    const before = addonCalls.softmax ?? 0;
    await expectSameOnBothBackends(
      () => [
        tf.softmax(randomTensor([6, 10], 20).mul(5)),
        tf.softmax(randomTensor([2, 3, 7], 21), 2),
        tf.softmax(randomTensor([5], 22)),
        tf.softmax(
          tf.tensor2d([
            [1000, 1000, -1000],
            [Number.NaN, 1, 2],
          ]),
        ),
        tf.softmax(tf.tensor2d([[Number.NEGATIVE_INFINITY, 0]])),
      ],
      { rtol: 0, atol: 0 },
    );
    expect((addonCalls.softmax ?? 0) - before).toBe(5);
  });

  it('matches cpu bit for bit for sums over leading, trailing, middle and all axes', async () => {
    await expectSameOnBothBackends(
      () => {
        const x = randomTensor([6, 4, 3], 8);
        return [
          tf.sum(x, 0),
          tf.sum(x, [0, 1]),
          tf.sum(x, 0, true),
          tf.sum(x, -1),
          tf.sum(x),
          tf.sum(x, [1, 0]),
          tf.sum(x, [1, 2]),
          tf.sum(x, [2, 1], true),
          tf.sum(x, [0, 2]),
          tf.sum(tf.zeros([0, 3]), 0),
          tf.sum(tf.zeros([3, 0]), 0),
          tf.sum(tf.zeros([2, 0]), 1),
          tf.sum(tf.tensor1d([1, 2, 3], 'int32')),
        ];
      },
      { rtol: 0, atol: 0 },
    );
  });

  it('frees every intermediate', async () => {
    const x = randomTensor([4, 5], 9);
    const backend = tf.engine().backend;
    const dataIds = backend.numDataIds();
    await expectNoLeak(() => tf.tidy(() => tf.sum(tf.add(x, tf.ones([5])), 0)));
    expect(backend.numDataIds()).toBe(dataIds);
    x.dispose();
  });
});
