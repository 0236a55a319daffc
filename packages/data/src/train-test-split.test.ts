import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { approximateMode } from './approximate-mode.js';
import { resolveSplitSizes } from './split-sizes.js';
import { trainTestSplit } from './train-test-split.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('resolveSplitSizes (scikit-learn rules)', () => {
  it('matches train_test_split sizes', () => {
    // Default testSize 0.25: ceil(10 * 0.25) = ceil(2.5) = 3 test, 7 train.
    expect(resolveSplitSizes(10)).toEqual({ train: 7, test: 3 });
    // Fractions: test rounds up, train rounds down: ceil(10 * 0.33) = 4, floor(10 * 0.5) = 5.
    expect(resolveSplitSizes(10, 0.33, 0.5)).toEqual({ train: 5, test: 4 });
    // trainSize alone: floor(10 * 0.66) = 6 train, the rest (4) test.
    expect(resolveSplitSizes(10, undefined, 0.66)).toEqual({ train: 6, test: 4 });
    // Integer counts are exact; the other side takes the rest.
    expect(resolveSplitSizes(10, 2)).toEqual({ train: 8, test: 2 });
    expect(resolveSplitSizes(10, undefined, 3)).toEqual({ train: 3, test: 7 });
    expect(resolveSplitSizes(10, 2, 3)).toEqual({ train: 3, test: 2 });
    // ceil(0.1 * 3) = 1 test sample (0.30000000000000004 rounds up to 1).
    expect(resolveSplitSizes(3, 0.1)).toEqual({ train: 2, test: 1 });
  });

  it('rejects sizes that do not fit, with the numbers', () => {
    expect(() => resolveSplitSizes(10, 10)).toThrow(
      'trainTestSplit: `testSize` must be a fraction in (0, 1) or an integer count in [1, 10) for 10 samples; received 10',
    );
    expect(() => resolveSplitSizes(10, 0)).toThrow('received 0');
    expect(() => resolveSplitSizes(10, 1.5)).toThrow('received 1.5');
    expect(() => resolveSplitSizes(10, undefined, -1)).toThrow('`trainSize` must be');
    expect(() => resolveSplitSizes(10, 0.5, 0.6)).toThrow(
      'trainTestSplit: `trainSize` + `testSize` as fractions must be at most 1; received 0.6 + 0.5 = 1.1',
    );
    expect(() => resolveSplitSizes(10, 6, 5)).toThrow(
      'trainTestSplit: the train and test sizes must add up to at most the 10 samples; received 5 train + 6 test = 11',
    );
    // ceil(0.9 * 10) = 9 test and floor(0.05 * 10) = 0 train.
    expect(() => resolveSplitSizes(10, 0.9, 0.05)).toThrow(
      'trainTestSplit: with 10 samples, testSize 0.9 and trainSize 0.05 the train set would be empty',
    );
  });
});

describe('approximateMode', () => {
  it('gives floors plus the largest remainders', () => {
    const random = new tf.RandomGenerator(1);
    // counts [6, 3, 1], 5 draws: shares 3, 1.5, 0.5 -> floors [3, 1, 0] and one more for a tie
    // between classes 1 and 2 (remainder 0.5 each), broken at random.
    const outcomes = new Set<string>();
    for (let i = 0; i < 20; i++)
      outcomes.add(JSON.stringify(approximateMode([6, 3, 1], 5, random)));
    expect([...outcomes].sort()).toEqual(['[3,1,1]', '[3,2,0]']);
    // counts [5, 3, 2], 4 draws: shares 2, 1.2, 0.8 -> floors 2, 1, 0; class 2 has the larger
    // remainder (0.8) and gets the one left over.
    expect(approximateMode([5, 3, 2], 4, random)).toEqual([2, 1, 1]);
  });
});

describe('trainTestSplit', () => {
  it('splits n = 10 with testSize 0.25 into 7 train and 3 test, aligned', () => {
    const x = range(10).map((i) => [i, 10 * i]);
    const y = range(10);
    const [xTrain, xTest, yTrain, yTest] = trainTestSplit(x, y, { testSize: 0.25, seed: 3 });
    expect(xTrain).toHaveLength(7);
    expect(xTest).toHaveLength(3);
    expect(xTrain.map((row) => row[0])).toEqual(yTrain);
    expect(xTest.map((row) => row[0])).toEqual(yTest);
    expect([...yTrain, ...yTest].sort((a, b) => a - b)).toEqual(range(10));
  });

  it('is repeatable for a seed and follows tf.setSeed', () => {
    const y = range(20);
    expect(trainTestSplit(y, { seed: 5 })).toEqual(trainTestSplit(y, { seed: 5 }));
    expect(trainTestSplit(y, { seed: 5 })).not.toEqual(trainTestSplit(y, { seed: 6 }));
    tf.setSeed(11);
    const first = trainTestSplit(y);
    tf.setSeed(11);
    expect(trainTestSplit(y)).toEqual(first);
    tf.clearSeed();
  });

  it('keeps order without shuffle: the first samples train, the next test', () => {
    const [train, test] = trainTestSplit(range(10), { shuffle: false, testSize: 3 });
    expect(train).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(test).toEqual([7, 8, 9]);
  });

  it('splits typed arrays and tensors along the first axis in their own kind', async () => {
    await expectNoLeak(() => {
      const x = tf.tensor2d(range(12), [6, 2]);
      const labels = new Int32Array([0, 1, 2, 3, 4, 5]);
      const [xTrain, xTest, yTrain, yTest] = trainTestSplit(x, labels, { testSize: 2, seed: 1 });
      expect(xTrain.shape).toEqual([4, 2]);
      expect(xTest.shape).toEqual([2, 2]);
      expect(yTrain).toBeInstanceOf(Int32Array);
      // Row i of x is [2i, 2i + 1], so the first column / 2 recovers the label.
      const rows = xTrain.arraySync() as number[][];
      expect(rows.map((r) => (r[0] as number) / 2)).toEqual(Array.from(yTrain));
      expect((xTest.arraySync() as number[][]).map((r) => (r[0] as number) / 2)).toEqual(
        Array.from(yTest),
      );
      x.dispose();
      return [xTrain, xTest];
    });
  });

  it('keeps class proportions with stratify', () => {
    // 20 samples: 10 of class 0, 6 of class 1, 4 of class 2; testSize 0.25 -> 5 test, 15 train.
    // Train shares 15 * [0.5, 0.3, 0.2] = [7.5, 4.5, 3] -> floors [7, 4, 3], one more to class 0
    // or 1 (tie at 0.5). The rest [3 or 2, 2 or 1, 1] then fill the 5 test places exactly.
    const labels = [...Array(10).fill(0), ...Array(6).fill(1), ...Array(4).fill(2)] as number[];
    for (const seed of [1, 2, 3, 4]) {
      const [idTrain, idTest, yTrain, yTest] = trainTestSplit(range(20), labels, {
        stratify: labels,
        seed,
      });
      const count = (ys: number[], c: number) => ys.filter((v) => v === c).length;
      expect(idTrain.map((i) => labels[i])).toEqual(yTrain);
      expect(yTrain).toHaveLength(15);
      expect(yTest).toHaveLength(5);
      expect(count(yTrain, 2)).toBe(3);
      expect(count(yTest, 2)).toBe(1);
      expect([7, 8]).toContain(count(yTrain, 0));
      expect(count(yTrain, 0) + count(yTrain, 1)).toBe(12);
      expect(count(yTest, 0) + count(yTest, 1)).toBe(4);
      expect(new Set([...idTrain, ...idTest]).size).toBe(20);
    }
  });

  it('stratifies by string labels and one-hot tensor rows', () => {
    const names = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
    const [train, test] = trainTestSplit(names, { stratify: names, testSize: 0.5, seed: 2 });
    expect(train.filter((v) => v === 'a')).toHaveLength(2);
    expect(test.filter((v) => v === 'a')).toHaveLength(2);
    const rows = tf.tensor2d([1, 0, 0, 1, 1, 0, 0, 1], [4, 2]);
    const [ids] = trainTestSplit(range(4), { stratify: rows, testSize: 2, seed: 2 });
    // One sample of each class stays in train: ids 0, 2 are class [1, 0], ids 1, 3 class [0, 1].
    expect(ids.map((i) => i % 2).sort()).toEqual([0, 1]);
    rows.dispose();
  });

  it('rejects a class with a single member, naming it', () => {
    expect(() => trainTestSplit(range(5), { stratify: [0, 0, 1, 1, 7], seed: 1 })).toThrow(
      'trainTestSplit: the least populated class in `stratify` (label 7) has only 1 member, which is too few; every class needs at least 2',
    );
  });

  it('rejects sets smaller than the number of classes when stratifying', () => {
    // 6 samples, 3 classes, testSize 2 < 3 classes.
    expect(() =>
      trainTestSplit(range(6), { stratify: [0, 0, 1, 1, 2, 2], testSize: 2, seed: 1 }),
    ).toThrow('trainTestSplit: the test size 2 must be at least the number of classes 3');
  });

  it('validates its arrays and options', () => {
    expect(() => trainTestSplit(range(4), range(3))).toThrow(
      'trainTestSplit: all arrays must have the same number of samples; received lengths [4, 3]',
    );
    expect(() => trainTestSplit({ testSize: 0.5 })).toThrow(
      'trainTestSplit: at least one array is required',
    );
    expect(() => trainTestSplit(range(4), { stratify: [0, 1] })).toThrow(
      'trainTestSplit: `stratify` must hold one label per sample (4); received 2',
    );
    expect(() => trainTestSplit(range(4), { stratify: [0, 0, 1, 1], shuffle: false })).toThrow(
      'trainTestSplit: `stratify` needs `shuffle: true`',
    );
    expect(() => trainTestSplit(range(4), { seed: -1 })).toThrow(
      'trainTestSplit: `seed` must be an integer >= 0; received -1',
    );
  });
});
