import * as tf from '@dendrite/tensor';
import { confusionCounts } from './confusion-matrix.js';
import { divideNoNan, type MetricConfig, StatefulMetric } from './metric.js';
import { namedMetricClass } from './named-class.js';
import { checkOptionalIndex } from './thresholds.js';

/** Options shared by the metrics that read one rate at a constraint on another. */
export interface ConstrainedRateConfig extends MetricConfig {
  /** How many evenly spaced thresholds in [0, 1] are tried; a positive integer. @defaultValue 200 */
  readonly numThresholds?: number;
  /** Count only this index of the last axis (`[batch, numClasses]` data). @defaultValue undefined */
  readonly classId?: number;
}

type Rate = 'sensitivity' | 'recall' | 'specificity' | 'precision';
type Counts = { tp: number; fp: number; tn: number; fn: number };

const RATES: Record<Rate, (c: Counts) => number> = {
  sensitivity: (c) => divideNoNan(c.tp, c.tp + c.fn),
  recall: (c) => divideNoNan(c.tp, c.tp + c.fn),
  specificity: (c) => divideNoNan(c.tn, c.tn + c.fp),
  precision: (c) => divideNoNan(c.tp, c.tp + c.fp),
};

/**
 * Keras' `SensitivitySpecificityBase`: confusion counts at `numThresholds` thresholds
 * (`[0, 1/(n-1), ..., 1]`, or `[0.5]` for one); the result is the largest `dependent` rate among
 * the thresholds where the `constrained` rate is at least `value`, or 0 when none is.
 */
export abstract class ConstrainedRate extends StatefulMetric {
  override readonly direction = 'max' as const;
  readonly numThresholds: number;
  readonly classId: number | undefined;
  /** The required value of the constrained rate. */
  protected readonly value: number;
  private readonly thresholds: number[];

  /**
   * @param constrained - The rate that must reach the required value, named as its config field.
   * @param dependent - The rate the metric reports.
   */
  constructor(
    defaultName: string,
    private readonly constrained: Rate,
    private readonly dependent: Rate,
    config: ConstrainedRateConfig,
  ) {
    const c = config ?? ({} as ConstrainedRateConfig);
    super(defaultName, c);
    const owner = this.getClassName();
    const value = (c as unknown as Record<string, unknown>)[constrained];
    this.value = tf.checkNumber(owner, constrained, value, { min: 0, max: 1 });
    this.numThresholds = tf.checkNumber(owner, 'numThresholds', c.numThresholds ?? 200, {
      min: 1,
      integer: true,
    });
    this.classId = checkOptionalIndex(owner, 'classId', c.classId);
    const n = this.numThresholds;
    this.thresholds = n === 1 ? [0.5] : Array.from({ length: n }, (_, i) => i / (n - 1));
  }

  update(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    tf.tidy(() => {
      const counts = confusionCounts(
        this.getClassName(),
        this.thresholds,
        yTrue,
        yPred,
        sampleWeight,
        this.classId === undefined ? {} : { classId: this.classId },
      );
      this.accumulate(counts);
    });
  }

  protected stateShapes(): number[][] {
    const n = this.thresholds.length;
    return [[n], [n], [n], [n]];
  }

  protected compute([tp, fp, tn, fn]: Float32Array[]): number {
    let best = 0;
    for (let i = 0; i < this.thresholds.length; i++) {
      const counts = { tp: tp![i]!, fp: fp![i]!, tn: tn![i]!, fn: fn![i]! };
      if (RATES[this.constrained](counts) >= this.value) {
        best = Math.max(best, RATES[this.dependent](counts));
      }
    }
    return best;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      numThresholds: this.numThresholds,
      ...(this.classId !== undefined && { classId: this.classId }),
      [this.constrained]: this.value,
    };
  }
}

/** Options of {@link SensitivityAtSpecificity}. */
export interface SensitivityAtSpecificityConfig extends ConstrainedRateConfig {
  /** The required specificity `tn / (tn + fp)`, in [0, 1]. Required. */
  readonly specificity: number;
}

/** Options of {@link SpecificityAtSensitivity}. */
export interface SpecificityAtSensitivityConfig extends ConstrainedRateConfig {
  /** The required sensitivity `tp / (tp + fn)`, in [0, 1]. Required. */
  readonly sensitivity: number;
}

/** Options of {@link PrecisionAtRecall}. */
export interface PrecisionAtRecallConfig extends ConstrainedRateConfig {
  /** The required recall `tp / (tp + fn)`, in [0, 1]. Required. */
  readonly recall: number;
}

/** Options of {@link RecallAtPrecision}. */
export interface RecallAtPrecisionConfig extends ConstrainedRateConfig {
  /** The required precision `tp / (tp + fp)`, in [0, 1]. Required. */
  readonly precision: number;
}

/** Keras' log name, the constrained rate (its config field) and the reported rate of each class. */
const SPECS = {
  SensitivityAtSpecificity: ['sensitivity_at_specificity', 'specificity', 'sensitivity'],
  SpecificityAtSensitivity: ['specificity_at_sensitivity', 'sensitivity', 'specificity'],
  PrecisionAtRecall: ['precision_at_recall', 'recall', 'precision'],
  RecallAtPrecision: ['recall_at_precision', 'precision', 'recall'],
} as const satisfies Record<string, readonly [string, Rate, Rate]>;

type ConstrainedName = keyof typeof SPECS;
/** The config field of the required rate, e.g. `'specificity'` for `SensitivityAtSpecificity`. */
type RequiredRate<N extends ConstrainedName> = (typeof SPECS)[N][1];

/** A class made by {@link constrainedRateClass}; its instances read the required rate back. */
export interface ConstrainedRateClass<N extends ConstrainedName> {
  new (
    config: ConstrainedRateConfig & Readonly<Record<RequiredRate<N>, number>>,
  ): ConstrainedRate & Readonly<Record<RequiredRate<N>, number>>;
  readonly className: N;
  fromConfig(config: tf.ConfigDict): ConstrainedRate & Readonly<Record<RequiredRate<N>, number>>;
}

/** The {@link ConstrainedRate} class `className` as Keras defines it. */
function constrainedRateClass<N extends ConstrainedName>(className: N): ConstrainedRateClass<N> {
  const [defaultName, constrained, dependent] = SPECS[className];
  const cls = namedMetricClass(ConstrainedRate, className, defaultName, constrained, dependent);
  // The required rate reads back under its config name (`m.specificity`).
  Object.defineProperty(cls.prototype, constrained, {
    get(this: { readonly value: number }) {
      return this.value;
    },
  });
  return cls as unknown as ConstrainedRateClass<N>;
}

/**
 * The best sensitivity `tp / (tp + fn)` at a threshold whose specificity is >= `specificity`.
 * @example const m = new SensitivityAtSpecificity({ specificity: 0.5 }); m.update(tf.tensor1d([0, 0, 0, 1, 1]), tf.tensor1d([0, 0.3, 0.8, 0.3, 0.8])); m.result() // 0.5
 */
export const SensitivityAtSpecificity = constrainedRateClass('SensitivityAtSpecificity');
/**
 * The best specificity `tn / (tn + fp)` at a threshold whose sensitivity is >= `sensitivity`.
 * @example const m = new SpecificityAtSensitivity({ sensitivity: 0.5 }); m.update(tf.tensor1d([0, 0, 0, 1, 1]), tf.tensor1d([0, 0.3, 0.8, 0.3, 0.8])); m.result() // 2/3
 */
export const SpecificityAtSensitivity = constrainedRateClass('SpecificityAtSensitivity');
/**
 * The best precision `tp / (tp + fp)` at a threshold whose recall is >= `recall`.
 * @example const m = new PrecisionAtRecall({ recall: 0.5 }); m.update(tf.tensor1d([0, 0, 0, 1, 1]), tf.tensor1d([0, 0.3, 0.8, 0.3, 0.8])); m.result() // 0.5
 */
export const PrecisionAtRecall = constrainedRateClass('PrecisionAtRecall');
/**
 * The best recall `tp / (tp + fn)` at a threshold whose precision is >= `precision` (0 when the
 * precision is never reached).
 * @example const m = new RecallAtPrecision({ precision: 0.8 }); m.update(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 0.5, 0.3, 0.9])); m.result() // 0.5
 */
export const RecallAtPrecision = constrainedRateClass('RecallAtPrecision');

/** An instance of {@link SensitivityAtSpecificity}. */
export type SensitivityAtSpecificity = InstanceType<typeof SensitivityAtSpecificity>;
/** An instance of {@link SpecificityAtSensitivity}. */
export type SpecificityAtSensitivity = InstanceType<typeof SpecificityAtSensitivity>;
/** An instance of {@link PrecisionAtRecall}. */
export type PrecisionAtRecall = InstanceType<typeof PrecisionAtRecall>;
/** An instance of {@link RecallAtPrecision}. */
export type RecallAtPrecision = InstanceType<typeof RecallAtPrecision>;
