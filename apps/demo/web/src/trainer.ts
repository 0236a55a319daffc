import * as dd from 'dendrite';
import {
  buildModel,
  compileModel,
  type ModelName,
  type OptimizerName,
} from '../../src/shared/models.js';
import { type FashionData, toTensors } from './data/load-data.js';

/** What the user picked for one training run. */
export interface TrainSettings {
  /** One of the text's models (`single`, `sigmoid`, `relu`, `dropout`). */
  readonly kind: ModelName;
  /** One of the text's optimizers, with Keras' default settings. */
  readonly optimizer: OptimizerName;
  readonly epochs: number;
  readonly batchSize: number;
  /** Training images used (the last 10% of them validate). */
  readonly trainSize: number;
  /** Stop when `val_loss` has not improved for `patience` epochs, restoring the best weights. */
  readonly earlyStopping: boolean;
  readonly patience: number;
  /** Seed of the weights, dropout masks and shuffling. */
  readonly seed: number;
}

/** Per-epoch report to the page. */
export interface EpochUpdate {
  /** 0-based epoch just finished. */
  readonly epoch: number;
  readonly logs: dd.Logs;
  /** Every log so far, by name (`loss`, `acc`, `val_loss`, `val_acc`, ...). */
  readonly history: Readonly<Record<string, readonly number[]>>;
}

/** Hooks the page passes to {@link train}. */
export interface TrainHooks {
  onEpoch(update: EpochUpdate): void;
  /** Fraction of all batches done, 0..1. */
  onProgress(fraction: number): void;
  /** Polled after each batch; true stops after the current batch. */
  shouldStop(): boolean;
}

/** The outcome of {@link train}. */
export interface TrainResult {
  readonly model: dd.LayersModel;
  readonly history: Readonly<Record<string, readonly number[]>>;
  /** 0-based epoch early stopping stopped at, when it did. */
  readonly stoppedEpoch: number | undefined;
  /** 0-based best epoch by `val_loss`, when early stopping ran. */
  readonly bestEpoch: number | undefined;
  /** Whether the user stopped it. */
  readonly interrupted: boolean;
}

/** Lets the browser paint and handle clicks between batches without a device sync. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains a fresh model with `settings` on the first `trainSize` training images, reporting
 * after every epoch (one device sync per epoch, none per batch).
 * @example const { model } = await train(data, settings, hooks);
 */
export async function train(
  data: FashionData,
  settings: TrainSettings,
  hooks: TrainHooks,
): Promise<TrainResult> {
  dd.setSeed(settings.seed);
  const model = buildModel(settings.kind);
  compileModel(model, settings.optimizer);
  const { x, y } = toTensors(data.train, settings.trainSize);
  const validationSplit = 0.1;
  const steps = Math.ceil((x.shape[0] * (1 - validationSplit)) / settings.batchSize);
  const history: Record<string, number[]> = {};
  let epochNow = 0;
  let interrupted = false;
  const stopper = settings.earlyStopping
    ? dd.callbacks.earlyStopping({
        monitor: 'val_loss',
        patience: settings.patience,
        restoreBestWeights: true,
      })
    : undefined;
  const reporter = dd.callbacks.lambdaCallback({
    onEpochBegin: (epoch) => {
      epochNow = epoch;
    },
    onTrainBatchEnd: (batch) => {
      hooks.onProgress((epochNow * steps + batch + 1) / (settings.epochs * steps));
      if (hooks.shouldStop()) {
        interrupted = true;
        model.stopTraining = true;
      }
      return batch % 4 === 3 ? yieldToPage() : undefined;
    },
    onEpochEnd: (epoch, logs = {}) => {
      for (const [name, value] of Object.entries(logs)) {
        const values = history[name] ?? [];
        values.push(value);
        history[name] = values;
      }
      hooks.onEpoch({ epoch, logs, history });
      return yieldToPage();
    },
    batchLogsEvery: 0,
  });
  try {
    await model.fit(x, y, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      validationSplit,
      shuffle: true,
      verbose: 0,
      callbacks: stopper ? [reporter, stopper] : [reporter],
    });
  } finally {
    dd.dispose([x, y]);
    stopper?.dispose();
  }
  return {
    model,
    history,
    stoppedEpoch: stopper && stopper.stoppedEpoch > 0 ? stopper.stoppedEpoch : undefined,
    bestEpoch: stopper?.bestEpoch,
    interrupted,
  };
}
