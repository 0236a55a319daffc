import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataFolders } from './data.js';

/** One batch size of the NumPy ceiling. */
export interface NumpyResult {
  readonly batchSize: number;
  readonly secondsPerEpoch: number;
  readonly epochSeconds: number[];
  readonly losses: number[];
}

/** What `numpy_ceiling.py` printed. */
export interface NumpyReport {
  readonly numpy: string;
  readonly blas: string;
  readonly source: string;
  readonly samples: number;
  readonly results: NumpyResult[];
}

/**
 * Runs `numpy_ceiling.py` with python3 when it and NumPy are installed; `undefined` otherwise.
 * `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` are removed for this command only, so OpenBLAS
 * picks its kernels for the real CPU.
 */
export function runNumpyCeiling(
  batchSizes: readonly number[],
  epochs: number,
  samples: number,
  synthetic: boolean,
): NumpyReport | string {
  const script = fileURLToPath(new URL('../numpy_ceiling.py', import.meta.url));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const folder = synthetic ? undefined : dataFolders().find((f) => existsSync(f));
  const args = [
    script,
    '--batch-sizes',
    batchSizes.join(','),
    '--epochs',
    String(epochs),
    '--samples',
    String(samples),
    ...(folder ? ['--data', folder] : []),
  ];
  const run = spawnSync('python3', args, { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.error) return `python3 not available (${run.error.message})`;
  if (run.status !== 0) return `numpy_ceiling.py failed: ${run.stderr.trim().split('\n').at(-1)}`;
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as NumpyReport;
}
