import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import * as losses from '../src/index.js';

type Nested = number | Nested[];

export interface LossCase {
  name: string;
  fn: string;
  options: Record<string, number | boolean>;
  yTrue: Nested;
  yPred: Nested;
  expected: Nested;
}

export interface LossFixtures {
  cases: LossCase[];
  reductions: {
    yTrue: number[][];
    yPred: number[][];
    weights: number[];
    none: number[];
    sum: number;
    sumOverBatchSize: number;
    unweightedSumOverBatchSize: number;
    timeSeries: { yTrue: Nested; yPred: Nested; weights: number[]; sumOverBatchSize: number };
  };
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/losses.json', import.meta.url), 'utf8'),
) as LossFixtures;

type WithOptions = (yTrue: tf.Tensor, yPred: tf.Tensor, options: object) => tf.Tensor;

/** The function under test for each fixture `fn` name. */
export const FUNCTIONS: Record<string, WithOptions> = {
  meanSquaredError: losses.meanSquaredError,
  meanAbsoluteError: losses.meanAbsoluteError,
  meanAbsolutePercentageError: losses.meanAbsolutePercentageError,
  meanSquaredLogarithmicError: losses.meanSquaredLogarithmicError,
  huber: losses.huber,
  logcosh: losses.logcosh,
  cosineSimilarity: losses.cosineSimilarity,
  binaryCrossentropy: losses.binaryCrossentropy,
  categoricalCrossentropy: losses.categoricalCrossentropy,
  sparseCategoricalCrossentropy: losses.sparseCategoricalCrossentropy,
  kullbackLeiblerDivergence: losses.kullbackLeiblerDivergence,
  poisson: losses.poisson,
  hinge: losses.hinge,
  squaredHinge: losses.squaredHinge,
  categoricalHinge: losses.categoricalHinge,
};

export const tensorOf = (value: Nested): tf.Tensor => tf.tensor(value as number[]);
