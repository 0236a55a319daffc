import * as tf from '@dendrite/tensor';
import { expectGradientMatchesFiniteDifference } from '@dendrite/test-utils';
import { describe, it } from 'vitest';
import { FUNCTIONS } from '../test/fixtures.js';

// Inputs sit away from kinks (|error| != delta, margins != 1, probabilities inside the clip
// range) so central differences are valid.
const yTrueReal = [
  [0.3, -1.2, 0.8],
  [1.5, 0.1, -0.4],
];
const yPredReal = [
  [0.9, -0.2, 0.1],
  [0.2, 0.7, -1.9],
];
const labelsBinary = [
  [1, 0, 1],
  [0, 0, 1],
];
const probabilities = [
  [0.3, 0.6, 0.8],
  [0.45, 0.2, 0.7],
];
const oneHot = [
  [0, 1, 0],
  [1, 0, 0],
];
const distribution = [
  [0.2, 0.5, 0.3],
  [0.6, 0.1, 0.3],
];

const GRADIENT_CASES: ReadonlyArray<[string, number[][] | number[], number[][], object?]> = [
  ['meanSquaredError', yTrueReal, yPredReal],
  ['meanAbsoluteError', yTrueReal, yPredReal],
  ['meanAbsolutePercentageError', yTrueReal, yPredReal],
  ['meanSquaredLogarithmicError', probabilities, distribution],
  ['huber', yTrueReal, yPredReal, { delta: 0.8 }],
  ['logcosh', yTrueReal, yPredReal],
  ['cosineSimilarity', yTrueReal, yPredReal],
  ['binaryCrossentropy', labelsBinary, probabilities, { labelSmoothing: 0.1 }],
  ['binaryCrossentropy', labelsBinary, yPredReal, { fromLogits: true }],
  ['categoricalCrossentropy', oneHot, distribution, { labelSmoothing: 0.1 }],
  ['categoricalCrossentropy', oneHot, yPredReal, { fromLogits: true }],
  ['sparseCategoricalCrossentropy', [1, 0], distribution],
  ['sparseCategoricalCrossentropy', [1, 0], yPredReal, { fromLogits: true }],
  ['kullbackLeiblerDivergence', distribution, probabilities],
  ['poisson', distribution, probabilities],
  ['hinge', labelsBinary, yPredReal],
  ['squaredHinge', labelsBinary, yPredReal],
  ['categoricalHinge', oneHot, yPredReal],
];

describe('gradients with respect to yPred match central finite differences', () => {
  for (const [name, yTrue, yPred, options] of GRADIENT_CASES) {
    it(`${name} ${JSON.stringify(options ?? {})}`, () => {
      const t = tf.tensor(yTrue);
      const p = tf.tensor(yPred);
      const fn = FUNCTIONS[name]!;
      expectGradientMatchesFiniteDifference((x) => fn(t, x, options ?? {}), p);
      tf.dispose([t, p]);
    });
  }
});
