import * as tf from '@dendrite/tensor';

/** The train and test sample counts of a split. */
export interface SplitSizes {
  readonly train: number;
  readonly test: number;
}

function checkSize(name: 'testSize' | 'trainSize', value: unknown, n: number): void {
  const fraction = typeof value === 'number' && value > 0 && value < 1;
  const count = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value < n;
  if (!fraction && !count) {
    throw new tf.ConfigError(
      tf.configMessage(
        'trainTestSplit',
        name,
        `a fraction in (0, 1) or an integer count in [1, ${n}) for ${n} samples`,
        value,
      ),
    );
  }
}

/**
 * Resolves `testSize` / `trainSize` to sample counts with scikit-learn's rules
 * (`_validate_shuffle_split`): a fraction in (0, 1) gives `ceil(n * testSize)` test and
 * `floor(n * trainSize)` train samples, an integer >= 1 is an exact count, the missing side
 * takes the rest, and `testSize` defaults to 0.25 when neither is given. JavaScript has no
 * int/float distinction, so `1` means one sample and `1.0` cannot mean "everything".
 */
export function resolveSplitSizes(n: number, testSize?: number, trainSize?: number): SplitSizes {
  const test = testSize === undefined && trainSize === undefined ? 0.25 : testSize;
  if (test !== undefined) checkSize('testSize', test, n);
  if (trainSize !== undefined) checkSize('trainSize', trainSize, n);
  const isFraction = (value: number | undefined) => value !== undefined && value < 1;
  if (isFraction(test) && isFraction(trainSize) && (test as number) + (trainSize as number) > 1) {
    throw new tf.ConfigError(
      `trainTestSplit: \`trainSize\` + \`testSize\` as fractions must be at most 1; received ${trainSize} + ${test} = ${(trainSize as number) + (test as number)}`,
    );
  }
  let nTest: number | undefined;
  let nTrain: number | undefined;
  if (test !== undefined) nTest = isFraction(test) ? Math.ceil(test * n) : test;
  if (trainSize !== undefined) {
    nTrain = isFraction(trainSize) ? Math.floor(trainSize * n) : trainSize;
  }
  if (nTrain === undefined) nTrain = n - (nTest as number);
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new tf.ConfigError(
      `trainTestSplit: the train and test sizes must add up to at most the ${n} samples; received ${nTrain} train + ${nTest} test = ${nTrain + nTest}`,
    );
  }
  if (nTrain === 0) {
    throw new tf.ConfigError(
      `trainTestSplit: with ${n} samples, testSize ${tf.describeValue(testSize)} and trainSize ${tf.describeValue(trainSize)} the train set would be empty; adjust the sizes`,
    );
  }
  return { train: nTrain, test: nTest };
}
