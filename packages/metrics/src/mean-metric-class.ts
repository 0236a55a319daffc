import type * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import type { AccuracyLabels, MetricConfig, MetricDirection } from './metric.js';

/** The resolved options a metric adds to {@link MetricConfig} (`threshold`, `k`, ...). */
export type MetricOptions<C extends MetricConfig> = tf.AddedOptions<C, MetricConfig>;

/** What {@link meanMetricClass} needs to build a metric class. */
export interface MeanMetricClassSpec<C extends MetricConfig> {
  /** The registered class name, e.g. `'BinaryAccuracy'`. */
  readonly className: string;
  /** The Keras log name used when `config.name` is absent, e.g. `'binary_accuracy'`. */
  readonly name: string;
  /** Whether higher values are better (`'max'`: accuracies) or lower (`'min'`: errors). */
  readonly direction?: MetricDirection;
  /** One check per added config field (`tf.numberOption`, ...), in `getConfig` order. @defaultValue `{}` */
  readonly options?: tf.OptionChecks<MetricOptions<C>>;
  /** The per-sample function, given the resolved options. */
  readonly fn: (yTrue: tf.Tensor, yPred: tf.Tensor, options: MetricOptions<C>) => tf.Tensor;
  /**
   * `fn` over `softmax(logits)` summed over the rows of `[rows, classes]` logits, without the
   * probabilities as a tensor; `undefined` where it cannot (see `Metric.updateFromLogits`).
   */
  readonly sumFromLogits?: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.Scalar | undefined;
  /** The labels for which `fn` is the accuracy, so a batch can be added from its hit count. */
  readonly accuracyHits?: AccuracyLabels;
}

/** An instance of a {@link meanMetricClass} class: a running mean with its options as fields. */
export type FunctionMetric<C extends MetricConfig> = MeanMetricWrapper & MetricOptions<C>;

/** A class made by {@link meanMetricClass}: `new`, `instanceof`, `className` and `fromConfig`. */
export interface MeanMetricClass<C extends MetricConfig> {
  new (config?: C): FunctionMetric<C>;
  readonly className: string;
  fromConfig(config: tf.ConfigDict): FunctionMetric<C>;
}

/**
 * Builds a Keras-named running-mean metric class around a per-sample function: the options are
 * checked (in spec order, before any state exists), become read-only fields, and `getConfig`
 * returns `name` then those fields.
 * @example
 * const BinaryAccuracy = meanMetricClass<BinaryAccuracyConfig>({
 *   className: 'BinaryAccuracy',
 *   name: 'binary_accuracy',
 *   direction: 'max',
 *   options: { threshold: tf.numberOption(0.5) },
 *   fn: (yTrue, yPred, { threshold }) => binaryAccuracy(yTrue, yPred, { threshold }),
 * });
 */
export function meanMetricClass<C extends MetricConfig = MetricConfig>(
  spec: MeanMetricClassSpec<C>,
): MeanMetricClass<C> {
  class SpecMetric extends MeanMetricWrapper {
    static override readonly className: string = spec.className;
    readonly #options: MetricOptions<C>;

    constructor(config: C = {} as C) {
      const options = tf.resolveOptions<MetricOptions<C>>(
        spec.className,
        spec.options ?? ({} as tf.OptionChecks<MetricOptions<C>>),
        config,
      );
      super({
        name: config.name ?? spec.name,
        fn: (t, p) => spec.fn(t, p, options),
        ...(spec.direction !== undefined && { direction: spec.direction }),
      });
      this.#options = options;
      Object.assign(this, options);
    }

    updateFromLogits(yTrue: tf.Tensor, logits: tf.Tensor, sampleWeight?: tf.Tensor): boolean {
      const sumFromLogits = spec.sumFromLogits;
      if (sumFromLogits === undefined) return false;
      return this.accumulateFromLogits(yTrue, logits, sampleWeight, sumFromLogits);
    }

    countsAccuracyHits(labels: AccuracyLabels): boolean {
      return spec.accuracyHits === labels;
    }

    addAccuracyHits(labels: AccuracyLabels, hits: number, rows: number): void {
      if (spec.accuracyHits !== labels) {
        throw new tf.ValueError(
          `${this.name}: not the accuracy of ${labels} labels; it takes no hit counts for them`,
        );
      }
      this.updateSum(hits, rows);
    }

    override getConfig(): tf.ConfigDict {
      return { name: this.name, ...(this.#options as tf.ConfigDict) };
    }

    static override fromConfig(config: tf.ConfigDict): SpecMetric {
      return new SpecMetric(config as unknown as C);
    }
  }
  // Stack traces and `constructor.name` show the Keras name rather than the factory's.
  Object.defineProperty(SpecMetric, 'name', { value: spec.className });
  return SpecMetric as unknown as MeanMetricClass<C>;
}

/** The metric config matching a loss config `C`: `name` and the loss's own options. */
export type LossMetricConfig<C extends losses.LossConfig> = MetricConfig &
  Omit<C, keyof losses.LossConfig>;

/**
 * Keras' metric of the same name as a loss: the running mean of the loss class's per-sample
 * function, with its class name, log name and options, where lower is better.
 * @example const MeanSquaredError = lossMetricClass(losses.MeanSquaredError);
 */
export function lossMetricClass<C extends losses.LossConfig>(
  loss: losses.LossClass<C>,
): MeanMetricClass<LossMetricConfig<C>> {
  const spec = loss.spec as unknown as MeanMetricClassSpec<LossMetricConfig<C>>;
  return meanMetricClass<LossMetricConfig<C>>({ ...spec, direction: 'min' });
}
