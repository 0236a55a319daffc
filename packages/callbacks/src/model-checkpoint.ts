import * as tf from '@dendrite/tensor';
import { checkCheckpointTemplate } from './checkpoint-template.js';
import { checkFrequency } from './frequency.js';
import { MonitorCallback, type MonitorCallbackArgs } from './monitor-callback.js';
import { formatPythonTemplate } from './python-format.js';
import type { Logs } from './training-model.js';

const WEIGHTS_FILE = /\.weights\.h5$/i;

/**
 * Keras 3's rules for a checkpoint path that names a Keras file: whole models go to `.keras`,
 * weights only to `.weights.h5`. Other destinations (a folder, `file://`, `indexeddb://`) use
 * the TF.js format as before.
 */
function checkKerasPath(filepath: string, saveWeightsOnly: boolean): void {
  const kerasFile = /\.(keras|h5|hdf5)$/i.test(filepath);
  if (!kerasFile) return;
  if (saveWeightsOnly && !WEIGHTS_FILE.test(filepath)) {
    throw new tf.ConfigError(
      `ModelCheckpoint: with saveWeightsOnly, a Keras file path must end in ".weights.h5"; received ${tf.describeValue(filepath)}`,
    );
  }
  if (!saveWeightsOnly && !/\.keras$/i.test(filepath)) {
    throw new tf.ConfigError(
      `ModelCheckpoint: a whole-model Keras file path must end in ".keras" (or pass saveWeightsOnly with ".weights.h5"); received ${tf.describeValue(filepath)}`,
    );
  }
}

/** Configuration of {@link ModelCheckpoint}. */
export interface ModelCheckpointArgs extends Omit<MonitorCallbackArgs, 'minDelta'> {
  /**
   * Where to save: a `.keras` file (whole model) or `.weights.h5` file (with `saveWeightsOnly`),
   * as Keras 3 requires; or a folder, `file://` URL or `indexeddb://` key (TF.js format); optionally a Python-style
   * template filled with the 1-based `epoch`, the 1-based `batch` (with `saveFreq` in batches)
   * and the logs, e.g. `'ckpt-{epoch:02d}-{val_loss:.2f}'`. Fields are checked when the
   * callback is created: `epoch`, `batch`, the `monitor` and Keras loss/metric log names (with
   * `val_` or output prefixes) are accepted; anything else (`{constructor}`, a typo) throws a
   * `ConfigError`. A custom metric can be used in the path by monitoring it.
   */
  filepath: string;
  /** Save only when the monitored metric improves on the best so far. @defaultValue false */
  saveBestOnly?: boolean;
  /** Save the weights without the optimizer state. @defaultValue false */
  saveWeightsOnly?: boolean;
  /** `'epoch'` saves at each epoch end; a number saves every that many batches. @defaultValue 'epoch' */
  saveFreq?: 'epoch' | number;
  /** Initial best value for `saveBestOnly`. @defaultValue ±Infinity (any first value saves) */
  initialValueThreshold?: number;
  /** 1 prints a line at each decision. @defaultValue 0 */
  verbose?: 0 | 1;
}

/**
 * Saves the model (or its best version) during training, as Keras `ModelCheckpoint`, through
 * `model.save(path, { includeOptimizer })`.
 * @example modelCheckpoint({ filepath: 'ckpt/model-{epoch:02d}-{val_loss:.2f}', saveBestOnly: true })
 */
export class ModelCheckpoint extends MonitorCallback {
  /** The path template. */
  readonly filepath: string;
  /** Whether only improvements are saved. */
  readonly saveBestOnly: boolean;
  /** Whether the optimizer state is left out. */
  readonly saveWeightsOnly: boolean;
  /** Save frequency. */
  readonly saveFreq: 'epoch' | number;
  /** Verbosity. */
  readonly verbose: 0 | 1;
  /** Paths saved so far, in order. */
  readonly savedPaths: string[] = [];
  private currentEpoch = 0;
  private batchesSinceSave = 0;
  private lastBatchSeen = 0;

  constructor(args: ModelCheckpointArgs) {
    super('ModelCheckpoint', args);
    const filepath: unknown = args?.filepath;
    if (typeof filepath !== 'string' || filepath === '') {
      throw new tf.ConfigError(
        tf.configMessage('ModelCheckpoint', 'filepath', 'a non-empty path or URL', filepath),
      );
    }
    checkKerasPath(filepath, args.saveWeightsOnly ?? false);
    checkCheckpointTemplate('ModelCheckpoint', filepath, this.monitor);
    this.filepath = filepath;
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.saveWeightsOnly = args.saveWeightsOnly ?? false;
    const saveFreq = checkFrequency('ModelCheckpoint', 'saveFreq', args.saveFreq);
    if (saveFreq !== 'epoch') this.batchLogsEvery = saveFreq;
    this.saveFreq = saveFreq;
    if (args.initialValueThreshold !== undefined) {
      this.best = tf.checkNumber(
        'ModelCheckpoint',
        'initialValueThreshold',
        args.initialValueThreshold,
      );
    }
    this.verbose = args.verbose ?? 0;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  /**
   * Saving every N batches counts single batches across epochs: it must see each one (as must a
   * subclass with batch hooks of its own).
   */
  override get watchesEachTrainBatch(): boolean {
    return this.saveFreq !== 'epoch' || this.batchHooksDifferFrom(ModelCheckpoint.prototype);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void | Promise<void> {
    if (this.saveFreq === 'epoch') return;
    // Batches are counted across epochs, as Keras does: a batch index that did not grow means
    // a new epoch started.
    const added = batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSinceSave += added;
    this.lastBatchSeen = batch;
    if (this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    return this.saveModel(this.currentEpoch, batch, logs);
  }

  override onEpochEnd(epoch: number, logs?: Logs): void | Promise<void> {
    if (this.saveFreq === 'epoch') return this.saveModel(epoch, undefined, logs);
  }

  /** The path for an epoch (0-based) and optional batch (0-based), filled from `logs`. */
  filePathFor(epoch: number, batch: number | undefined, logs: Logs = {}): string {
    const values: Record<string, number> = { ...logs, epoch: epoch + 1 };
    if (batch !== undefined && !('batch' in logs)) values.batch = batch + 1;
    return formatPythonTemplate(this.filepath, values);
  }

  private saveModel(
    epoch: number,
    batch: number | undefined,
    logs: Logs | undefined,
  ): void | Promise<void> {
    const model = this.model;
    if (!model) return;
    const path = this.filePathFor(epoch, batch, logs);
    if (this.saveBestOnly) {
      const current = logs?.[this.monitor];
      if (current === undefined) {
        console.warn(
          `ModelCheckpoint: can save best model only with \`${this.monitor}\` available; ` +
            `skipping (available: ${Object.keys(logs ?? {}).join(', ')})`,
        );
        return;
      }
      if (!this.isImprovement(current, this.best)) {
        if (this.verbose > 0) {
          console.log(
            `Epoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best.toFixed(5)}`,
          );
        }
        return;
      }
      if (this.verbose > 0) {
        console.log(
          `Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best.toFixed(5)} to ` +
            `${current.toFixed(5)}, saving model to ${path}`,
        );
      }
      this.best = current;
    } else if (this.verbose > 0) {
      console.log(`Epoch ${epoch + 1}: saving model to ${path}`);
    }
    this.savedPaths.push(path);
    if (this.saveWeightsOnly && WEIGHTS_FILE.test(path)) {
      if (!model.saveWeights) {
        throw new tf.ConfigError(
          `ModelCheckpoint: the model cannot write ${path}; it has no saveWeights method`,
        );
      }
      return model.saveWeights(path).then(() => undefined);
    }
    return model.save(path, { includeOptimizer: !this.saveWeightsOnly }).then(() => undefined);
  }
}

/**
 * Creates a {@link ModelCheckpoint} callback.
 * @example modelCheckpoint({ filepath: 'file://./ckpt-{epoch:02d}', monitor: 'val_accuracy', saveBestOnly: true })
 */
export function modelCheckpoint(args: ModelCheckpointArgs): ModelCheckpoint {
  return new ModelCheckpoint(args);
}
