import * as tf from '@dendrite/tensor';
import { Loss, type LossConfig } from './loss.js';

/** The resolved options a loss adds to {@link LossConfig} (`delta`, `fromLogits`, ...). */
export type LossOptions<C extends LossConfig> = tf.AddedOptions<C, LossConfig>;

/** What {@link lossClass} needs to build a loss class. */
export interface LossClassSpec<C extends LossConfig> {
  /** The registered class name, e.g. `'Huber'`. */
  readonly className: string;
  /** The Keras log name used when `config.name` is absent, e.g. `'huber_loss'`. */
  readonly name: string;
  /** One check per added config field (`tf.numberOption`, ...), in `getConfig` order. @defaultValue `{}` */
  readonly options?: tf.OptionChecks<LossOptions<C>>;
  /** The per-sample loss, given the resolved options. */
  readonly fn: (yTrue: tf.Tensor, yPred: tf.Tensor, options: LossOptions<C>) => tf.Tensor;
}

/** An instance of a {@link lossClass} class: a {@link Loss} with its options as fields. */
export type FunctionLoss<C extends LossConfig> = Loss &
  LossOptions<C> & { call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor };

/** A class made by {@link lossClass}: `new`, `instanceof`, `className` and `fromConfig` as usual. */
export interface LossClass<C extends LossConfig> {
  new (config?: C): FunctionLoss<C>;
  readonly className: string;
  /** The spec the class was built from, e.g. for a metric that averages the same function. */
  readonly spec: LossClassSpec<C>;
  fromConfig(config: tf.ConfigDict): FunctionLoss<C>;
}

/**
 * Builds a Keras-named {@link Loss} class around a per-sample function: the base class brings
 * reduction, sample weights and the log name, the spec's checks validate and default each added
 * config field, and `getConfig` returns `name`, `reduction`, then those fields in spec order.
 * @example
 * const Huber = lossClass<HuberConfig>({
 *   className: 'Huber',
 *   name: 'huber_loss',
 *   options: { delta: tf.numberOption(1, { min: 0, minExclusive: true }) },
 *   fn: (yTrue, yPred, { delta }) => huber(yTrue, yPred, { delta }),
 * });
 */
export function lossClass<C extends LossConfig = LossConfig>(spec: LossClassSpec<C>): LossClass<C> {
  class SpecLoss extends Loss {
    static readonly className = spec.className;
    static readonly spec = spec;
    readonly #options: LossOptions<C>;

    constructor(config: C = {} as C) {
      super(spec.name, config);
      this.#options = tf.resolveOptions<LossOptions<C>>(
        spec.className,
        spec.options ?? ({} as tf.OptionChecks<LossOptions<C>>),
        config,
      );
      Object.assign(this, this.#options);
    }

    call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return spec.fn(yTrue, yPred, this.#options);
    }

    override getConfig(): tf.ConfigDict {
      return { ...super.getConfig(), ...(this.#options as tf.ConfigDict) };
    }

    static fromConfig(config: tf.ConfigDict): SpecLoss {
      return new SpecLoss(config as unknown as C);
    }
  }
  // Stack traces and `constructor.name` show the Keras name rather than the factory's.
  Object.defineProperty(SpecLoss, 'name', { value: spec.className });
  return SpecLoss as unknown as LossClass<C>;
}
