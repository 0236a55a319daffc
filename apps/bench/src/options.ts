import { BACKENDS, type BenchBackend, OPTIONAL_BACKENDS } from './backends.js';
import { type BenchModel, MODELS } from './models.js';
import type { Framework } from './run.js';

/** What `pnpm bench` runs. */
export interface BenchOptions {
  readonly backends: readonly BenchBackend[];
  readonly batchSizes: readonly number[];
  readonly models: readonly BenchModel[];
  readonly frameworks: readonly Framework[];
  /** Timed epochs per run (after one warm-up epoch). */
  readonly epochs: number;
  readonly samples: number;
  /** Runs per framework and configuration, alternating Dendrite and tfjs-layers. */
  readonly repeats: number;
  /** Each run in its own child process (peak RSS per run); off in quick mode. */
  readonly isolate: boolean;
  readonly synthetic: boolean;
  readonly numpy: boolean;
  /** Where to write the raw results as JSON, if anywhere. */
  readonly json: string | undefined;
}

export const DEFAULT_OPTIONS: BenchOptions = Object.freeze({
  backends: BACKENDS,
  batchSizes: [32, 128, 512],
  models: MODELS,
  frameworks: ['dendrite', 'tfjs-layers'] as Framework[],
  epochs: 2,
  samples: 48_000,
  repeats: 1,
  isolate: true,
  synthetic: false,
  numpy: true,
  json: undefined,
});

/** `--quick`: a CI smoke run, small and in one process. */
export const QUICK_OPTIONS: Partial<BenchOptions> = Object.freeze({
  backends: ['cpu'] as BenchBackend[],
  batchSizes: [128],
  models: ['mlp'] as BenchModel[],
  epochs: 1,
  samples: 1024,
  isolate: false,
  numpy: false,
});

function list<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new Error(`${flag}: expected a comma list of ${allowed.join(', ')}; received ${item}`);
    }
  }
  return items as T[];
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${flag}: expected a positive integer; received ${value}`);
  }
  return n;
}

/** Parses the command line (`--flag value` or `--flag=value`). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const args = argv.flatMap((a) =>
    a.startsWith('--') && a.includes('=') ? a.split(/=(.*)/s, 2) : [a],
  );
  let options: BenchOptions = args.includes('--quick')
    ? { ...DEFAULT_OPTIONS, ...QUICK_OPTIONS }
    : DEFAULT_OPTIONS;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const take = (): string => {
      const value = args[++i];
      if (value === undefined) throw new Error(`${flag}: missing value`);
      return value;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--backends':
        options = { ...options, backends: list(flag, take(), [...BACKENDS, ...OPTIONAL_BACKENDS]) };
        break;
      case '--batch-sizes':
        options = {
          ...options,
          batchSizes: take()
            .split(',')
            .map((s) => positive(flag, s)),
        };
        break;
      case '--models':
        options = { ...options, models: list(flag, take(), MODELS) };
        break;
      case '--frameworks':
        options = {
          ...options,
          frameworks: list(flag, take(), ['dendrite', 'tfjs-layers'] as const),
        };
        break;
      case '--epochs':
        options = { ...options, epochs: positive(flag, take()) };
        break;
      case '--samples':
        options = { ...options, samples: positive(flag, take()) };
        break;
      case '--repeats':
        options = { ...options, repeats: positive(flag, take()) };
        break;
      case '--in-process':
        options = { ...options, isolate: false };
        break;
      case '--synthetic':
        options = { ...options, synthetic: true };
        break;
      case '--no-numpy':
        options = { ...options, numpy: false };
        break;
      case '--json':
        options = { ...options, json: take() };
        break;
      default:
        throw new Error(`unknown flag ${flag}; see apps/bench/README.md`);
    }
  }
  return options;
}
