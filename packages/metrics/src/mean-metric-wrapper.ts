import * as losses from '@dendrite/losses';
import * as tf from '@dendrite/tensor';
import { Mean } from './mean.js';
import type { MetricConfig, MetricDirection } from './metric.js';

/** A per-sample function `(yTrue, yPred) => Tensor`, e.g. a loss or an accuracy. */
export type MetricFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Options of {@link MeanMetricWrapper}. */
export interface MeanMetricWrapperConfig extends MetricConfig {
  /**
   * The per-sample function, or the name of a loss (`'mse'`, `'categorical_crossentropy'`, ...);
   * only a name survives `getConfig`/`fromConfig`.
   */
  readonly fn: MetricFunction | string;
  /** Whether higher values are better. @defaultValue `'min'` for a loss name, none for a function */
  readonly direction?: MetricDirection;
}

/**
 * The running weighted mean of a per-sample function over all samples since `reset`. The name
 * defaults to the loss's Keras name (`'mean_squared_error'` for `'mse'`) or the function's name.
 * @example const mse = new MeanMetricWrapper({ fn: 'mse' }); mse.update(yTrue, yPred); mse.result();
 */
export class MeanMetricWrapper extends Mean {
  static override readonly className: string = 'MeanMetricWrapper';
  private readonly fn: MetricFunction;
  private readonly fnName: string | undefined;
  override readonly direction: MetricDirection | undefined;

  constructor(config: MeanMetricWrapperConfig) {
    const { fn, fnName, defaultName } = resolve(config?.fn);
    super({ name: config.name ?? defaultName });
    this.fn = fn;
    this.fnName = fnName;
    // A loss goes down as the model improves.
    this.direction = config.direction ?? (fnName === undefined ? undefined : 'min');
  }

  /** Adds the per-sample values of the function, weighted by `sampleWeight`. */
  override update(yTrue: tf.Tensor, yPred?: tf.Tensor, sampleWeight?: tf.Tensor): void {
    this.assertNotDisposed();
    if (yPred === undefined) {
      throw new tf.ConfigError(tf.configMessage(this.name, 'yPred', 'a tensor', yPred));
    }
    tf.tidy(() => super.update(this.fn(yTrue, yPred), sampleWeight));
  }

  override getConfig(): tf.ConfigDict {
    return this.fnName === undefined
      ? super.getConfig()
      : { ...super.getConfig(), fn: this.fnName };
  }

  static override fromConfig(config: tf.ConfigDict): MeanMetricWrapper {
    return new MeanMetricWrapper(config as unknown as MeanMetricWrapperConfig);
  }
}

function resolve(fn: unknown): { fn: MetricFunction; fnName?: string; defaultName: string } {
  if (typeof fn === 'function') {
    return { fn: fn as MetricFunction, defaultName: fn.name || 'mean_metric_wrapper' };
  }
  if (typeof fn === 'string') {
    const loss = losses.get(fn);
    return { fn: (t, p) => loss.call(t, p), fnName: fn, defaultName: loss.name };
  }
  throw new tf.ConfigError(
    tf.configMessage(
      'MeanMetricWrapper',
      'fn',
      'a function (yTrue, yPred) => Tensor or a loss name',
      fn,
    ),
  );
}
