import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import { binaryCrossentropy, categoricalCrossentropy } from '../src/crossentropy.js';
import { categoricalHinge, hinge, squaredHinge } from '../src/hinge.js';
import { kullbackLeiblerDivergence, poisson } from '../src/probabilistic.js';
import {
  cosineSimilarity,
  huber,
  logcosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from '../src/regression.js';
import { sparseCategoricalCrossentropy } from '../src/sparse-categorical-crossentropy.js';

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
  meanSquaredError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredLogarithmicError,
  huber,
  logcosh,
  cosineSimilarity,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  kullbackLeiblerDivergence,
  poisson,
  hinge,
  squaredHinge,
  categoricalHinge,
};

export const tensorOf = (value: Nested): tf.Tensor => tf.tensor(value as number[]);
