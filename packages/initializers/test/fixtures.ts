import { readFileSync } from 'node:fs';

/** Expected statistics of one draw (null bound: unbounded). */
export interface ExpectedStats {
  readonly mean: number;
  readonly std: number;
  readonly min: number | null;
  readonly max: number | null;
}

/** The shape of `fixtures/initializers.json` (written by `fixtures/make_fixtures.py`). */
export interface InitializerFixtures {
  readonly truncatedStd: number;
  readonly fans: { shape: number[]; fans: [number, number] }[];
  readonly cases: {
    name: string;
    config: Record<string, number | string>;
    shape: number[];
    expected: ExpectedStats;
  }[];
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/initializers.json', import.meta.url), 'utf8'),
) as InitializerFixtures;

/** Mean, population standard deviation, min and max, accumulated in float64. */
export function describeValues(values: ArrayLike<number>): {
  mean: number;
  std: number;
  min: number;
  max: number;
} {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}
