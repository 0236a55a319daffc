import { parseArgs } from 'node:util';
import type * as dd from 'dendrite';
import {
  MODEL_DEFAULTS,
  MODEL_NAMES,
  type ModelName,
  OPTIMIZER_NAMES,
  type OptimizerName,
} from './shared/models.js';

/** Checkpoint formats of `--checkpoint`: a TF.js folder, or Keras 3's `.keras` file. */
export const CHECKPOINT_FORMATS = ['tfjs', 'keras'] as const;
/** A checkpoint format. */
export type CheckpointFormat = (typeof CHECKPOINT_FORMATS)[number];

/** The teaching experiments of `--experiment`. */
export const EXPERIMENT_NAMES = ['vanishing', 'dropout', 'early-stopping'] as const;
/** One of {@link EXPERIMENT_NAMES}. */
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

const BACKENDS = [
  'auto',
  'tensorflow-gpu',
  'tensorflow',
  'webgpu',
  'native',
  'wasm',
  'cpu',
] as const;

/** The demo's resolved command-line options. */
export interface DemoOptions {
  readonly model: ModelName;
  readonly optimizer: OptimizerName;
  readonly epochs: number;
  /** Whether `--epochs` was given (experiments have their own defaults otherwise). */
  readonly epochsGiven: boolean;
  readonly batchSize: number;
  readonly backend: dd.BackendName;
  readonly data: string | undefined;
  readonly out: string;
  readonly seed: number;
  readonly subset: number | undefined;
  readonly experiment: ExperimentName | undefined;
  readonly depth: number;
  /** Format of the dropout model's best checkpoint. */
  readonly checkpoint: CheckpointFormat;
  readonly download: boolean;
  readonly verbose: 0 | 1 | 2;
  readonly help: boolean;
}

/** `--help` text. */
export const USAGE = `Usage: pnpm demo [options]

Trains the Fashion-MNIST classifiers of the Keras chapter and writes a report folder.

  --model <name>        ${MODEL_NAMES.join(' | ')} (default dropout)
  --optimizer <name>    ${OPTIMIZER_NAMES.join(' | ')} (default: the model's, e.g. adam)
  --epochs <n>          epochs (default: single 5, sigmoid/relu 10, dropout 20)
  --batch-size <n>      samples per step (default 32)
  --backend <name>      ${BACKENDS.join(' | ')} (default auto)
  --data <folder>       folder with the four Fashion-MNIST files; an error if it lacks them
                        (default: $DENDRITE_DATA_DIR/fashion-mnist, ~/.keras/datasets/fashion-mnist,
                        /usr/share/datasets/fashion-mnist, then download)
  --offline             never download; use the npm copy when no files are found
  --out <folder>        report folder (default reports/demo-<model> or reports/experiment-<name>)
  --seed <n>            seed of weights, shuffling and the split (default 42)
  --subset <n>          train on the first n training images (quick runs)
  --experiment <name>   ${EXPERIMENT_NAMES.join(' | ')}
  --depth <n>           hidden layers of the vanishing experiment (default 10)
  --checkpoint <fmt>    ${CHECKPOINT_FORMATS.join(' | ')}: best-model/ folder or best-model.keras (default tfjs)
  --verbose <0|1|2>     0 silent, 1 live progress bar, 2 one line per epoch (default 1)
  --help                this text`;

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `--${name} must be one of ${allowed.join(', ')}; received ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer >= ${min}; received ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses the demo's arguments (without `node` and the script). */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  // `pnpm demo -- --model relu` hands the separator through; it carries no meaning here.
  const { values } = parseArgs({
    args: argv.filter((arg, index) => !(index === 0 && arg === '--')),
    strict: true,
    options: {
      model: { type: 'string' },
      optimizer: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      backend: { type: 'string' },
      data: { type: 'string' },
      offline: { type: 'boolean' },
      out: { type: 'string' },
      seed: { type: 'string' },
      subset: { type: 'string' },
      experiment: { type: 'string' },
      depth: { type: 'string' },
      checkpoint: { type: 'string' },
      verbose: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const model = choice('model', values.model, MODEL_NAMES) ?? 'dropout';
  const experiment = choice('experiment', values.experiment, EXPERIMENT_NAMES);
  const verbose = integer('verbose', values.verbose, 0) ?? 1;
  if (verbose > 2) throw new Error(`--verbose must be 0, 1 or 2; received ${verbose}`);
  return {
    model,
    optimizer:
      choice('optimizer', values.optimizer, OPTIMIZER_NAMES) ?? MODEL_DEFAULTS[model].optimizer,
    epochs: integer('epochs', values.epochs, 1) ?? MODEL_DEFAULTS[model].epochs,
    epochsGiven: values.epochs !== undefined,
    batchSize: integer('batch-size', values['batch-size'], 1) ?? 32,
    backend: choice('backend', values.backend, BACKENDS) ?? 'auto',
    data: values.data,
    out: values.out ?? (experiment ? `reports/experiment-${experiment}` : `reports/demo-${model}`),
    seed: integer('seed', values.seed, 0) ?? 42,
    subset: integer('subset', values.subset, 10),
    experiment,
    depth: integer('depth', values.depth, 1) ?? 10,
    checkpoint: choice('checkpoint', values.checkpoint, CHECKPOINT_FORMATS) ?? 'tfjs',
    download: !(values.offline ?? false),
    verbose: verbose as 0 | 1 | 2,
    help: values.help ?? false,
  };
}
