import * as tf from '@dendrite/tensor';
import { approximateMode } from './approximate-mode.js';
import {
  commonSampleCount,
  isPlainObject,
  isSamples,
  type Samples,
  sampleCount,
  takeSamples,
} from './samples.js';
import { resolveSplitSizes } from './split-sizes.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /**
   * Test set size: a fraction in (0, 1) (rounded up) or an integer count.
   * @defaultValue 0.25 when `trainSize` is not given either, else the rest
   */
  readonly testSize?: number;
  /** Train set size: a fraction in (0, 1) (rounded down) or an integer count. @defaultValue the rest */
  readonly trainSize?: number;
  /** Shuffle before splitting; when false the first samples are the train set. @defaultValue true */
  readonly shuffle?: boolean;
  /** Seed of the shuffle. @defaultValue `tf.nextSeed()` */
  readonly seed?: number;
  /** Class labels (one per sample, or one-hot rows) whose proportions both sets keep. @defaultValue none */
  readonly stratify?: Samples;
}

/** `[aTrain, aTest, bTrain, bTest, ...]` for inputs `[a, b, ...]`. */
export type SplitPairs<T extends readonly unknown[]> = T extends readonly [
  infer Head,
  ...infer Rest,
]
  ? [Head, Head, ...SplitPairs<Rest>]
  : T[number][];

function labelKeys(stratify: Samples): string[] {
  if (stratify instanceof tf.Tensor) {
    if (stratify.rank > 2) {
      throw new tf.ShapeError(
        tf.configMessage('trainTestSplit', 'stratify', 'a tensor of rank 1 or 2', stratify),
      );
    }
    const rows = stratify.arraySync() as unknown[];
    return rows.map((row) => JSON.stringify(row));
  }
  return Array.from(stratify as ArrayLike<unknown>, (label) => JSON.stringify(label));
}

/** Sorted class keys (numbers numerically, like `np.unique`) and each sample's class index. */
function encodeClasses(keys: readonly string[]): { classes: string[]; index: Int32Array } {
  const unique = [...new Set(keys)];
  const numeric = unique.every((key) => !Number.isNaN(Number(key)));
  unique.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  const position = new Map(unique.map((key, i) => [key, i]));
  return { classes: unique, index: Int32Array.from(keys, (key) => position.get(key) as number) };
}

function stratifiedIndices(
  stratify: Samples,
  nTrain: number,
  nTest: number,
  random: tf.RandomGenerator,
): { train: number[]; test: number[] } {
  const { classes, index } = encodeClasses(labelKeys(stratify));
  const members: number[][] = classes.map(() => []);
  index.forEach((c, i) => {
    members[c]?.push(i);
  });
  const counts = members.map((m) => m.length);
  const least = counts.indexOf(Math.min(...counts));
  if ((counts[least] as number) < 2) {
    throw new tf.ValueError(
      `trainTestSplit: the least populated class in \`stratify\` (label ${classes[least]}) has only 1 member, which is too few; every class needs at least 2`,
    );
  }
  for (const [side, size] of [
    ['train', nTrain],
    ['test', nTest],
  ] as const) {
    if (size < classes.length) {
      throw new tf.ValueError(
        `trainTestSplit: the ${side} size ${size} must be at least the number of classes ${classes.length}`,
      );
    }
  }
  const trainPerClass = approximateMode(counts, nTrain, random);
  const left = counts.map((count, i) => count - (trainPerClass[i] as number));
  const testPerClass = approximateMode(left, nTest, random);
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((indices, c) => {
    const shuffled = random.shuffle(indices.slice());
    const nc = trainPerClass[c] as number;
    train.push(...shuffled.slice(0, nc));
    test.push(...shuffled.slice(nc, nc + (testPerClass[c] as number)));
  });
  return { train: random.shuffle(train), test: random.shuffle(test) };
}

/**
 * Splits arrays into random train and test subsets, aligned sample by sample, with
 * scikit-learn's `train_test_split` size rules and stratification (per-class counts allocated as
 * scikit-learn's `StratifiedShuffleSplit` does). Works on plain arrays, typed arrays and tensors
 * (split along the first axis); each output has the kind of its input, and output tensors are
 * owned by the caller.
 *
 * The split is seeded and repeatable (`seed`, or `tf.setSeed`), but it does not reproduce
 * scikit-learn's numbers for the same seed: NumPy's random stream is not replicated.
 *
 * @returns `[aTrain, aTest, bTrain, bTest, ...]`.
 * @example
 * const [xTrain, xTest, yTrain, yTest] = trainTestSplit(x, y, { testSize: 0.2, seed: 1 });
 */
export function trainTestSplit<T extends readonly Samples[]>(
  ...args: [...T, TrainTestSplitOptions]
): SplitPairs<T>;
export function trainTestSplit<T extends readonly Samples[]>(...args: T): SplitPairs<T>;
export function trainTestSplit(...args: unknown[]): unknown[] {
  const last = args[args.length - 1];
  const options = (isPlainObject(last) ? last : {}) as TrainTestSplitOptions;
  const arrays = (isPlainObject(last) ? args.slice(0, -1) : args) as Samples[];
  const n = commonSampleCount('trainTestSplit', arrays);
  const { train: nTrain, test: nTest } = resolveSplitSizes(n, options.testSize, options.trainSize);
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== 'boolean') {
    throw new tf.ConfigError(tf.configMessage('trainTestSplit', 'shuffle', 'a boolean', shuffle));
  }
  const { stratify } = options;
  if (stratify !== undefined) {
    if (!isSamples(stratify)) {
      throw new tf.ConfigError(
        tf.configMessage('trainTestSplit', 'stratify', 'an array or a tensor of labels', stratify),
      );
    }
    const count = sampleCount('trainTestSplit', 'stratify', stratify);
    if (count !== n) {
      throw new tf.ShapeError(
        `trainTestSplit: \`stratify\` must hold one label per sample (${n}); received ${count}`,
      );
    }
    if (!shuffle) {
      throw new tf.ConfigError(
        'trainTestSplit: `stratify` needs `shuffle: true`; a stratified split without shuffling is not defined',
      );
    }
  }
  if (options.seed !== undefined) {
    tf.checkNumber('trainTestSplit', 'seed', options.seed, { integer: true, min: 0 });
  }
  let train: ArrayLike<number>;
  let test: ArrayLike<number>;
  if (!shuffle) {
    train = Array.from({ length: nTrain }, (_, i) => i);
    test = Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else {
    const random = tf.createRandom(options.seed);
    if (stratify !== undefined) {
      ({ train, test } = stratifiedIndices(stratify, nTrain, nTest, random));
    } else {
      const order = random.permutation(n);
      test = order.subarray(0, nTest);
      train = order.subarray(nTest, nTest + nTrain);
    }
  }
  return arrays.flatMap((array) => [takeSamples(array, train), takeSamples(array, test)]);
}
