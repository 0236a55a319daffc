import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
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
abstract class ConfusionCount extends ThresholdedMetric {
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

  /** Rebuilds a metric of the class it is called on from its `getConfig`. */
  static fromConfig<T extends ConfusionCount>(
    this: new (
      config: ThresholdsConfig,
    ) => T,
    config: tf.ConfigDict,
  ): T {
    return new this(config as ThresholdsConfig);
  }
}

/**
 * The weighted number of true positives (label non-zero, prediction above the threshold).
 * @example const m = new TruePositives(); m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([1, 0, 1, 1])); m.result() // 2
 */
export class TruePositives extends ConfusionCount {
  static readonly className = 'TruePositives';
  constructor(config: ThresholdsConfig = {}) {
    super('true_positives', 'tp', config);
  }
}

/**
 * The weighted number of false positives (label zero, prediction above the threshold).
 * @example const m = new FalsePositives(); m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([0, 0, 1, 1])); m.result() // 2
 */
export class FalsePositives extends ConfusionCount {
  static readonly className = 'FalsePositives';
  constructor(config: ThresholdsConfig = {}) {
    super('false_positives', 'fp', config);
  }
}

/**
 * The weighted number of true negatives (label zero, prediction at or below the threshold).
 * @example const m = new TrueNegatives(); m.update(tf.tensor1d([0, 1, 0, 0]), tf.tensor1d([1, 1, 0, 0])); m.result() // 2
 */
export class TrueNegatives extends ConfusionCount {
  static readonly className = 'TrueNegatives';
  constructor(config: ThresholdsConfig = {}) {
    super('true_negatives', 'tn', config);
  }
}

/**
 * The weighted number of false negatives (label non-zero, prediction at or below the threshold).
 * @example const m = new FalseNegatives(); m.update(tf.tensor1d([0, 1, 1, 1]), tf.tensor1d([0, 1, 0, 0])); m.result() // 2
 */
export class FalseNegatives extends ConfusionCount {
  static readonly className = 'FalseNegatives';
  constructor(config: ThresholdsConfig = {}) {
    super('false_negatives', 'fn', config);
  }
}
