import { readFileSync } from 'node:fs';

/** `fixtures/preprocessing.json`, written by `fixtures/preprocessing.py` (NumPy, TF's kernels). */
export interface PreprocessingFixtures {
  /** `[2, 5, 7, 3]` images in [0, 10). */
  readonly images: number[][][][];
  readonly bilinearUp: number[][][][];
  readonly bilinearDown: number[][][][];
  readonly nearest: number[][][][];
  readonly cropBilinear: number[][][][];
  readonly padBilinear: number[][][][];
  /** Rotations of `images[1]` with fill value 0.5. */
  readonly rotations: Array<{
    angle: number;
    fillMode: 'reflect' | 'wrap' | 'constant' | 'nearest';
    interpolation: 'bilinear' | 'nearest';
    output: number[][][];
  }>;
}

export const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/preprocessing.json', import.meta.url), 'utf8'),
) as PreprocessingFixtures;
