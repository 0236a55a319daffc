import { readFileSync } from 'node:fs';

/** One case of `fixtures/constraints.json` (written by `fixtures/make_fixtures.py`). */
export interface ConstraintCase {
  readonly name: string;
  readonly config: Record<string, number | number[]>;
  readonly shape: number[];
  readonly weight: number[];
  readonly expected: number[];
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/constraints.json', import.meta.url), 'utf8'),
) as ConstraintCase[];
