import * as tf from '@dendrite/tensor';
import { type AUCCurve, type AUCSummationMethod, column, curveArea } from './auc-area.js';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan, type MetricConfig, StatefulMetric } from './metric.js';
import { parseThresholds } from './thresholds.js';

export type { AUCCurve, AUCSummationMethod } from './auc-area.js';

/** Options of {@link AUC}. */
export interface AUCConfig extends MetricConfig {
  /** Number of evenly spaced thresholds, an integer > 1; ignored with `thresholds`. @defaultValue 200 */
  readonly numThresholds?: number;
  /** `'ROC'` (true-positive rate against false-positive rate) or `'PR'` (precision-recall). @defaultValue 'ROC' */
  readonly curve?: AUCCurve;
  /**
   * `'interpolation'` (trapezoids for ROC; Davis & Goadrich interpolation for PR), `'minoring'`
   * or `'majoring'` (left/right Riemann sums). @defaultValue 'interpolation'
   */
  readonly summationMethod?: AUCSummationMethod;
  /**
   * Thresholds in [0, 1] to use instead of `numThresholds` evenly spaced ones (sorted; the ends
   * `-1e-7` and `1 + 1e-7` are added). @defaultValue undefined
   */
  readonly thresholds?: readonly number[];
  /**
   * Treat `[batch, labels]` data as one binary problem per label and average their AUCs, instead
   * of flattening every entry into one problem. @defaultValue false
   */
  readonly multiLabel?: boolean;
  /** The number of labels with `multiLabel`; taken from the first batch when absent. @defaultValue undefined */
  readonly numLabels?: number;
  /**
   * Non-negative weight per label: with `multiLabel` the weights of the label AUCs' average,
   * otherwise weights of the flattened entries by label index. @defaultValue undefined (equal)
   */
  readonly labelWeights?: readonly number[];
  /** Whether predictions are logits (passed through a sigmoid first). @defaultValue false */
  readonly fromLogits?: boolean;
}

const DEFAULTS = Object.freeze({
  numThresholds: 200,
  curve: 'ROC' as AUCCurve,
  summationMethod: 'interpolation' as AUCSummationMethod,
  multiLabel: false,
  fromLogits: false,
});

/**
 * Keras' thresholds: `numThresholds` evenly spaced points in [0, 1] with the ends moved to
 * `-1e-7` and `1 + 1e-7`, so predictions of exactly 0 and 1 are counted.
 */
export function aucThresholds(numThresholds: number): number[] {
  const inner = Array.from({ length: numThresholds - 2 }, (_, i) => (i + 1) / (numThresholds - 1));
  return [-1e-7, ...inner, 1 + 1e-7];
}

/**
 * Area under the ROC or PR curve, approximated by Keras' thresholded confusion matrix (Davis &
 * Goadrich, ICML 2006, for the PR interpolation). Predictions should lie in [0, 1] (or be logits
 * with `fromLogits`); labels are positive when non-zero. By default every axis is flattened; with
 * `multiLabel`, `[batch, labels]` data gives one AUC per label, averaged (by `labelWeights`).
 * @example const auc = new AUC({ numThresholds: 50 }); auc.update(labels, probabilities); auc.result();
 */
export class AUC extends StatefulMetric {
  override readonly direction = 'max' as const;
  static readonly className = 'AUC';
  /** The number of thresholds, including the two end points. */
  readonly numThresholds: number;
  readonly curve: AUCCurve;
  readonly summationMethod: AUCSummationMethod;
  readonly multiLabel: boolean;
  /** As configured; see {@link AUC.labelCount} for the number in use. */
  readonly numLabels: number | undefined;
  readonly labelWeights: readonly number[] | undefined;
  readonly fromLogits: boolean;
  /** The thresholds given in the config (sorted), if any. */
  readonly customThresholds: readonly number[] | undefined;
  private readonly allThresholds: number[];
  private labels: number | undefined;

  constructor(config: AUCConfig = {}) {
    super('auc', config);
    const owner = 'AUC';
    if (config.thresholds !== undefined) {
      this.customThresholds = parseThresholds(owner, config.thresholds).sort((a, b) => a - b);
      this.numThresholds = this.customThresholds.length + 2;
      this.allThresholds = [-1e-7, ...this.customThresholds, 1 + 1e-7];
    } else {
      const n = config.numThresholds ?? DEFAULTS.numThresholds;
      this.numThresholds = tf.checkNumber(owner, 'numThresholds', n, {
        min: 1,
        minExclusive: true,
        integer: true,
      });
      this.allThresholds = aucThresholds(this.numThresholds);
    }
    this.curve = tf.checkChoice(owner, 'curve', config.curve ?? DEFAULTS.curve, ['ROC', 'PR']);
    this.summationMethod = tf.checkChoice(
      owner,
      'summationMethod',
      config.summationMethod ?? DEFAULTS.summationMethod,
      ['interpolation', 'minoring', 'majoring'],
    );
    this.multiLabel = tf.checkBoolean(
      'AUC',
      'multiLabel',
      config.multiLabel ?? DEFAULTS.multiLabel,
    );
    this.fromLogits = tf.checkBoolean(
      'AUC',
      'fromLogits',
      config.fromLogits ?? DEFAULTS.fromLogits,
    );
    if (config.numLabels !== undefined) {
      if (!this.multiLabel) {
        throw new tf.ConfigError(
          tf.configMessage(
            owner,
            'numLabels',
            'absent unless `multiLabel` is true',
            config.numLabels,
          ),
        );
      }
      this.numLabels = tf.checkNumber(owner, 'numLabels', config.numLabels, {
        min: 1,
        integer: true,
      });
      this.labels = this.numLabels;
    }
    if (config.labelWeights !== undefined) {
      const weights = config.labelWeights;
      if (!Array.isArray(weights) || weights.length === 0) {
        throw new tf.ConfigError(
          tf.configMessage(owner, 'labelWeights', 'a non-empty list of numbers >= 0', weights),
        );
      }
      this.labelWeights = weights.map((w, i) =>
        tf.checkNumber(owner, `labelWeights[${i}]`, w, { min: 0 }),
      );
      if (this.numLabels !== undefined && this.labelWeights.length !== this.numLabels) {
        throw new tf.ConfigError(
          tf.configMessage(owner, 'labelWeights', `${this.numLabels} entries (numLabels)`, weights),
        );
      }
    }
  }

  /** The thresholds used, with the two end points (Keras' `AUC.thresholds`). */
  get thresholds(): number[] {
    return [...this.allThresholds];
  }

  /** The number of labels of a `multiLabel` AUC (after the first batch, or from `numLabels`). */
  get labelCount(): number | undefined {
    return this.multiLabel ? this.labels : undefined;
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    if (this.multiLabel) this.checkLabels(yPred);
    tf.tidy(() => {
      const predictions = this.fromLogits ? tf.sigmoid(tf.cast(yPred, 'float32')) : yPred;
      const counts = confusionCounts('AUC', this.allThresholds, yTrue, predictions, sampleWeight, {
        multiLabel: this.multiLabel,
        ...(!this.multiLabel && this.labelWeights && { labelWeights: this.labelWeights }),
      });
      this.accumulate(counts);
    });
  }

  private checkLabels(yPred: tf.Tensor): void {
    const labels = yPred.shape[1];
    if (yPred.rank !== 2 || (this.labels !== undefined && labels !== this.labels)) {
      const expected = `[batch, ${this.labels ?? 'labels'}]`;
      throw new tf.ShapeError(
        `AUC: with \`multiLabel\`, yPred must have shape ${expected}; received yPred [${yPred.shape.join(', ')}]`,
      );
    }
    if (this.labelWeights !== undefined && labels !== this.labelWeights.length) {
      throw new tf.ShapeError(
        `AUC: \`labelWeights\` has ${this.labelWeights.length} entries but yPred [${yPred.shape.join(', ')}] has ${labels} labels`,
      );
    }
    this.labels = labels;
  }

  protected stateShapes(): number[][] {
    const shape = this.multiLabel ? [this.numThresholds, this.labels ?? 1] : [this.numThresholds];
    return [shape, shape, shape, shape];
  }

  protected compute([tp, fp, tn, fn]: Float32Array[]): number {
    if (!this.multiLabel) {
      return curveArea({ tp: tp!, fp: fp!, tn: tn!, fn: fn! }, this.curve, this.summationMethod);
    }
    const n = this.labels ?? 1;
    const areas = Array.from({ length: n }, (_, l) =>
      curveArea(
        {
          tp: column(tp!, l, n),
          fp: column(fp!, l, n),
          tn: column(tn!, l, n),
          fn: column(fn!, l, n),
        },
        this.curve,
        this.summationMethod,
      ),
    );
    const weights = this.labelWeights ?? areas.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    return divideNoNan(
      areas.reduce((sum, area, l) => sum + area * weights[l]!, 0),
      total,
    );
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      numThresholds: this.numThresholds,
      curve: this.curve,
      summationMethod: this.summationMethod,
      multiLabel: this.multiLabel,
      fromLogits: this.fromLogits,
      ...(this.numLabels !== undefined && { numLabels: this.numLabels }),
      ...(this.labelWeights !== undefined && { labelWeights: [...this.labelWeights] }),
      ...(this.customThresholds !== undefined && { thresholds: [...this.customThresholds] }),
    };
  }

  static fromConfig(config: tf.ConfigDict): AUC {
    return new AUC(config as AUCConfig);
  }
}
