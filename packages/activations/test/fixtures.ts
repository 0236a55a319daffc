import { readFileSync } from 'node:fs';

/** The shape of `fixtures/activations.json` (written by `fixtures/make_fixtures.py`). */
export interface ActivationFixtures {
  readonly x: number[];
  readonly elementwise: Record<string, number[]>;
  readonly matrix: { shape: number[]; values: number[] };
  readonly softmax: Record<string, number[]>;
  readonly logSoftmax: Record<string, number[]>;
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/activations.json', import.meta.url), 'utf8'),
) as ActivationFixtures;

/** Points away from every kink (0, ±3, 6), for finite-difference gradient checks. */
export const SMOOTH_POINTS = [-4.2, -2.1, -0.7, -0.15, 0.2, 0.9, 1.7, 3.6];
