import { ConfigError, checkChoice, checkNumber, configMessage } from '@dendrite/tensor';
import { Callback } from './callback.js';
import type { Logs, TrainingModel } from './training-model.js';

/** Whether the monitored value should go down (`'min'`), up (`'max'`), or be guessed (`'auto'`). */
export type MonitorMode = 'min' | 'max' | 'auto';

/** Configuration shared by callbacks that monitor a metric. */
export interface MonitorCallbackArgs {
  /** Log name to watch. @defaultValue 'val_loss' */
  monitor?: string;
  /** Direction of improvement. @defaultValue 'auto' */
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement; its sign is ignored. @defaultValue 0 */
  minDelta?: number;
}

const MODES: readonly MonitorMode[] = ['min', 'max', 'auto'];

// Keras metrics whose `_direction` is "up"; anything else (losses, errors) goes down.
const HIGHER_IS_BETTER = new Set([
  'auc',
  'prc',
  'precision',
  'recall',
  'f1_score',
  'fbeta_score',
  'r2_score',
  'iou',
  'mean_iou',
  'binary_iou',
  'one_hot_iou',
  'one_hot_mean_iou',
  'cosine_similarity',
  'precision_at_recall',
  'recall_at_precision',
  'sensitivity_at_specificity',
  'specificity_at_sensitivity',
]);

/**
 * The fallback for `'auto'` when the model cannot say (a plain log name): Keras' name rules, `max` for accuracies (`*acc*`) and
 * metrics that grow when better (`auc`, `precision`, `recall`, ...), `min` otherwise.
 * @example inferMonitorDirection('val_accuracy') // 'max'
 */
export function inferMonitorDirection(monitor: string): 'min' | 'max' {
  const name = (monitor.startsWith('val_') ? monitor.slice(4) : monitor).replace(/_\d+$/, '');
  if (name === 'loss') return 'min';
  if (name.includes('acc') || HIGHER_IS_BETTER.has(name)) return 'max';
  return 'min';
}

/**
 * Shared base of callbacks that watch one metric (EarlyStopping, ModelCheckpoint,
 * ReduceLROnPlateau): resolves the direction, keeps the best value, and tells improvements apart.
 * @example
 * class Watch extends MonitorCallback {
 *   override onEpochEnd(epoch: number, logs?: Logs) {
 *     const v = this.getMonitorValue(logs);
 *     if (v !== undefined && this.isImprovement(v, this.best)) this.best = v;
 *   }
 * }
 */
export abstract class MonitorCallback extends Callback {
  /** The log name watched. */
  readonly monitor: string;
  /** The mode as configured. */
  readonly mode: MonitorMode;
  /**
   * The resolved direction of improvement. In `'auto'` mode it is what the monitored metric
   * says once the model is set (`metricDirection`), else the name rules of
   * {@link inferMonitorDirection}.
   */
  get direction(): 'min' | 'max' {
    return this.resolved;
  }
  /** The absolute improvement threshold. */
  readonly minDelta: number;
  /** Best value seen so far (±Infinity before the first). */
  best: number;
  /** The class name used in messages. */
  protected readonly owner: string;
  private resolved: 'min' | 'max';

  protected constructor(owner: string, args: MonitorCallbackArgs, defaultMinDelta = 0) {
    super();
    this.owner = owner;
    this.monitor = args.monitor ?? 'val_loss';
    if (typeof this.monitor !== 'string' || this.monitor === '') {
      throw new ConfigError(configMessage(owner, 'monitor', 'a non-empty log name', this.monitor));
    }
    this.mode = checkChoice(owner, 'mode', args.mode ?? 'auto', MODES);
    this.resolved = this.mode === 'auto' ? inferMonitorDirection(this.monitor) : this.mode;
    this.minDelta = Math.abs(checkNumber(owner, 'minDelta', args.minDelta ?? defaultMinDelta));
    this.best = this.worstValue();
  }

  /** Asks the model's metric for the direction in `'auto'` mode (Keras reads `_direction`). */
  override setModel(model: TrainingModel): void {
    super.setModel(model);
    if (this.mode !== 'auto') return;
    const untouched = this.best === this.worstValue();
    this.resolved = model.metricDirection?.(this.monitor) ?? inferMonitorDirection(this.monitor);
    if (untouched) this.best = this.worstValue();
  }

  /** `+Infinity` when minimizing, `-Infinity` when maximizing. */
  protected worstValue(): number {
    return this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /**
   * Whether `value` beats `reference` by more than `minDelta` in the monitored direction
   * (Keras: `value - minDelta > reference` for max, `value + minDelta < reference` for min).
   */
  isImprovement(value: number, reference: number): boolean {
    return this.direction === 'min'
      ? value + this.minDelta < reference
      : value - this.minDelta > reference;
  }

  /** The monitored value from `logs`, or `undefined` with a warning listing the available keys. */
  protected getMonitorValue(logs: Logs | undefined): number | undefined {
    const value = logs?.[this.monitor];
    if (value === undefined) {
      console.warn(
        `${this.owner}: monitored metric \`${this.monitor}\` is not available; ` +
          `available metrics are: ${Object.keys(logs ?? {}).join(', ')}`,
      );
    }
    return value;
  }
}
