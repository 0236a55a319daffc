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
  multilabel: {
    batches: number[];
    yTrue: number[][];
    yPred: number[][];
    weights: number[];
    labelWeights: number[];
    [expected: string]: unknown;
  };
  regression: {
    batches: number[];
    yTrue: number[][];
    yPred: number[][];
    weights: number[];
    [expected: string]: unknown;
  };
  probabilistic: Record<string, unknown> & {
    batches: number[];
    labels: number[];
    oneHot: number[][];
    probs: number[][];
    logits: number[][];
    weights: number[];
    binaryTrue: number[][];
    binaryProbs: number[][];
    binaryLogits: number[][];
    softTrue: number[][];
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

/** Reads a list-valued expectation from a fixture section. */
export function expectedList(section: Record<string, unknown>, key: string): number[] {
  const value = section[key];
  if (!Array.isArray(value)) throw new Error(`fixture has no list ${key}`);
  return value as number[];
}

/** Splits arrays along the first axis into consecutive batches of the given sizes. */
export function* batches(sizes: number[], ...arrays: Nested[][]): Generator<tf.Tensor[]> {
  let start = 0;
  for (const size of sizes) {
    yield arrays.map((array) => tf.tensor(array.slice(start, start + size) as number[]));
    start += size;
  }
}

/** A metric's update signature, as the feeding helper needs it. */
interface Updatable {
  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void;
}

/** Feeds `[yTrue, yPred, weights?]` to `metric` in batches of the given sizes, freeing inputs. */
export function feedBatches(
  metric: Updatable,
  sizes: number[],
  ...arrays: Array<Nested[] | undefined>
): void {
  const given = arrays.filter((array): array is Nested[] => array !== undefined);
  for (const [t, p, w] of batches(sizes, ...given)) {
    metric.update(t!, p!, w);
    tf.dispose([t!, p!, w!].filter((x) => x !== undefined));
  }
}

/** {@link feedBatches}, then the metric's result; the metric is disposed. */
export function resultAfterBatches(
  metric: Updatable & { result(): number; dispose(): void },
  sizes: number[],
  ...arrays: Array<Nested[] | undefined>
): number {
  feedBatches(metric, sizes, ...arrays);
  const value = metric.result();
  metric.dispose();
  return value;
}
