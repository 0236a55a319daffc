import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { type NamedMetricClass, namedMetricClass } from './named-class.js';
import {
  parseThresholds,
  ThresholdedMetric,
  type Thresholds,
  type ThresholdsConfig,
} from './thresholds.js';

const CONDITIONS = { tp: 0, fp: 1, tn: 2, fn: 3 } as const;

/**
 * The (weighted) count of one cell of the confusion matrix, per threshold: Keras'
 * `_ConfusionMatrixConditionCount`. With a list of `thresholds`, read with `resultArray()`.
 */
export abstract class ConfusionCount extends ThresholdedMetric {
  /** The thresholds as configured. @defaultValue 0.5 */
  readonly thresholds: Thresholds;
  private readonly list: number[];

  constructor(
    defaultName: string,
    private readonly condition: keyof typeof CONDITIONS,
    config: ThresholdsConfig,
  ) {
    super(defaultName, config);
    const owner = this.getClassName();
    this.list = parseThresholds(owner, config.thresholds ?? 0.5);
    this.thresholds = Array.isArray(config.thresholds) ? [...this.list] : (this.list[0] as number);
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const counts = confusionCounts(this.getClassName(), this.list, yTrue, yPred, sampleWeight);
      this.accumulate([counts[CONDITIONS[this.condition]]]);
    });
  }

  protected thresholdList(): readonly number[] {
    return this.list;
  }

  protected stateShapes(): number[][] {
    return [[this.list.length]];
  }

  protected computeArray([count]: Float32Array[]): number[] {
    return Array.from(count!);
  }

  override getConfig(): tf.ConfigDict {
    const { thresholds } = this;
    return {
      ...super.getConfig(),
      thresholds: typeof thresholds === 'number' ? thresholds : [...thresholds],
    };
  }
}

/** A {@link ConfusionCount} class for one cell under its Keras class and log names. */
function confusionCountClass(
  className: string,
  defaultName: string,
  condition: keyof typeof CONDITIONS,
): NamedMetricClass<ThresholdsConfig, ConfusionCount> {
  return namedMetricClass(ConfusionCount, className, defaultName, condition);
}

/**
 * The weighted number of true positives (label non-zero, prediction above the threshold).
 * @example const m = new TruePositives(); m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1])); m.result() // 2
 */
export const TruePositives = confusionCountClass('TruePositives', 'true_positives', 'tp');
/**
 * The weighted number of false positives (label zero, prediction above the threshold).
 * @example const m = new FalsePositives(); m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([0, 0, 1, 1])); m.result() // 2
 */
export const FalsePositives = confusionCountClass('FalsePositives', 'false_positives', 'fp');
/**
 * The weighted number of true negatives (label zero, prediction at or below the threshold).
 * @example const m = new TrueNegatives(); m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([1, 1, 0, 0])); m.result() // 2
 */
export const TrueNegatives = confusionCountClass('TrueNegatives', 'true_negatives', 'tn');
/**
 * The weighted number of false negatives (label non-zero, prediction at or below the threshold).
 * @example const m = new FalseNegatives(); m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([0, 1, 0, 0])); m.result() // 2
 */
export const FalseNegatives = confusionCountClass('FalseNegatives', 'false_negatives', 'fn');

/** An instance of {@link TruePositives}. */
export type TruePositives = InstanceType<typeof TruePositives>;
/** An instance of {@link FalsePositives}. */
export type FalsePositives = InstanceType<typeof FalsePositives>;
/** An instance of {@link TrueNegatives}. */
export type TrueNegatives = InstanceType<typeof TrueNegatives>;
/** An instance of {@link FalseNegatives}. */
export type FalseNegatives = InstanceType<typeof FalseNegatives>;
