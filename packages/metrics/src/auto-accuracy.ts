import * as tf from '@dendrite/tensor';
import {
  binaryAccuracy,
  categoricalAccuracy,
  categoricalHitsFromLogits,
  sparseCategoricalAccuracy,
} from './accuracy.js';
import { Mean } from './mean.js';
import type { AccuracyLabels, MetricConfig } from './metric.js';

/** Which accuracy `'accuracy'` stands for. */
export type AccuracyVariant = 'binary' | 'categorical' | 'sparseCategorical';

const VARIANTS: readonly AccuracyVariant[] = ['binary', 'categorical', 'sparseCategorical'];

/** The variant that counts hits against `labels`. */
function hitsVariant(labels: AccuracyLabels): AccuracyVariant {
  return labels === 'sparse' ? 'sparseCategorical' : 'categorical';
}

/** Options of {@link AutoAccuracy}. */
export interface AutoAccuracyConfig extends MetricConfig {
  /** Fixes the variant; when absent it is inferred from the shapes of the first batch. */
  readonly variant?: AccuracyVariant;
}

/**
 * The variant Keras picks for `'accuracy'` given a loss name (any spelling: `'binary_crossentropy'`,
 * `'binaryCrossentropy'`, `'BinaryCrossentropy'`); `undefined` for other losses.
 * @example accuracyVariantForLoss('sparse_categorical_crossentropy') // 'sparseCategorical'
 */
export function accuracyVariantForLoss(loss: string): AccuracyVariant | undefined {
  const key = loss.toLowerCase().replace(/[_\s-]/g, '');
  if (key === 'binarycrossentropy') return 'binary';
  if (key === 'sparsecategoricalcrossentropy') return 'sparseCategorical';
  if (key === 'categoricalcrossentropy') return 'categorical';
  return undefined;
}

/**
 * Keras' shape rule: one output unit means binary; labels with one axis fewer (or a trailing 1)
 * than multi-class predictions mean sparse; otherwise categorical.
 */
function inferVariant(yTrue: tf.Tensor, yPred: tf.Tensor): AccuracyVariant {
  const predLast = yPred.rank === 0 ? 1 : (yPred.shape[yPred.rank - 1] as number);
  if (yPred.rank <= 1 || predLast === 1) return 'binary';
  const trueLast = yTrue.shape[yTrue.rank - 1];
  if (yTrue.rank < yPred.rank || trueLast === 1) return 'sparseCategorical';
  return 'categorical';
}

/**
 * The metric behind the name `'accuracy'` (or `'acc'`): binary, categorical or sparse categorical
 * accuracy as chosen from the loss by `get('accuracy', {loss})`, or from the first batch's shapes.
 * The log name stays `'accuracy'`.
 * @example const acc = new AutoAccuracy({ variant: 'sparseCategorical' }); acc.update(labels, probabilities);
 */
export class AutoAccuracy extends Mean {
  override readonly direction = 'max' as const;
  static override readonly className: string = 'AutoAccuracy';
  private readonly configured: AccuracyVariant | undefined;
  private resolved: AccuracyVariant | undefined;

  constructor(config: AutoAccuracyConfig = {}) {
    super({ name: config.name ?? 'accuracy' });
    this.configured =
      config.variant === undefined
        ? undefined
        : tf.checkChoice('AutoAccuracy', 'variant', config.variant, VARIANTS);
    this.resolved = this.configured;
  }

  /** The variant in use, once known. */
  get variant(): AccuracyVariant | undefined {
    return this.resolved;
  }

  override update(yTrue: tf.Tensor, yPred?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    if (yPred === undefined) {
      throw new tf.ConfigError(tf.configMessage(this.name, 'yPred', 'a tensor', yPred));
    }
    this.resolved ??= inferVariant(yTrue, yPred);
    const variant = this.resolved;
    tf.tidy(() => {
      const values =
        variant === 'binary'
          ? binaryAccuracy(yTrue, yPred)
          : variant === 'categorical'
            ? categoricalAccuracy(yTrue, yPred)
            : sparseCategoricalAccuracy(yTrue, yPred);
      super.update(values, sampleWeight);
    });
  }

  /** The categorical variant from logits in one kernel (see `Metric.updateFromLogits`). */
  updateFromLogits(yTrue: tf.Tensor, logits: tf.Tensor, sampleWeight?: tf.Tensor): boolean {
    this.assertNotDisposed();
    this.resolved ??= inferVariant(yTrue, logits);
    if (this.resolved !== 'categorical') return false;
    return this.accumulateFromLogits(yTrue, logits, sampleWeight, categoricalHitsFromLogits);
  }

  /** Whether the variant is (or, not yet known, will be inferred as) the accuracy of `labels`. */
  countsAccuracyHits(labels: AccuracyLabels, classes: number): boolean {
    const inferred = classes > 1 ? hitsVariant(labels) : 'binary';
    return (this.resolved ?? inferred) === hitsVariant(labels);
  }

  addAccuracyHits(labels: AccuracyLabels, hits: number, rows: number): void {
    const wanted = hitsVariant(labels);
    this.resolved ??= wanted;
    if (this.resolved !== wanted) {
      throw new tf.ValueError(
        `${this.name}: resolved as ${this.resolved} accuracy; it takes no hit counts for ${labels} labels`,
      );
    }
    this.updateSum(hits, rows);
  }

  override getConfig(): tf.ConfigDict {
    return this.configured === undefined
      ? { name: this.name }
      : { name: this.name, variant: this.configured };
  }

  static override fromConfig(config: tf.ConfigDict): AutoAccuracy {
    return new AutoAccuracy(config as unknown as AutoAccuracyConfig);
  }
}
