import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';

type Nested = number | Nested[];

export interface MetricFixtures {
  binary: {
    batches: number[];
    yTrue: number[];
    yPred: number[];
    weights: number[];
    auc: Record<string, number>;
    exactRocAuc: number;
    [expected: string]: unknown;
  };
  categorical: {
    batches: number[];
    labels: number[];
    oneHot: number[][];
    yPred: number[][];
    weights: number[];
    [expected: string]: unknown;
  };
  mean: {
    batches: number[];
    values: number[][];
    weights: number[];
    fullWeights: number[][];
    [expected: string]: unknown;
  };
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/metrics.json', import.meta.url), 'utf8'),
) as MetricFixtures;

/** Reads a number-valued expectation from a fixture section. */
export function expected(section: Record<string, unknown>, key: string): number {
  const value = section[key];
  if (typeof value !== 'number') throw new Error(`fixture has no number ${key}`);
  return value;
}

/** Splits arrays along the first axis into consecutive batches of the given sizes. */
export function* batches(sizes: number[], ...arrays: Nested[][]): Generator<tf.Tensor[]> {
  let start = 0;
  for (const size of sizes) {
    yield arrays.map((array) => tf.tensor(array.slice(start, start + size) as number[]));
    start += size;
  }
}
