import type * as tf from '@dendrite/tensor';
import { Optimizer } from './optimizer.js';
import type { HyperparameterChecks, OptimizerArgs } from './optimizer-args.js';

/** The values the hyperparameter checks `T` resolve to, as read-only fields. */
export type Hyperparameters<T extends HyperparameterChecks> = {
  readonly [K in keyof T]: T[K] extends tf.OptionCheck<infer V> ? V : never;
};

/** What {@link optimizerBase} returns: {@link Optimizer}'s statics and a typed constructor. */
export type OptimizerBase<A extends OptimizerArgs, T extends HyperparameterChecks> = Omit<
  typeof Optimizer,
  'prototype'
> &
  (abstract new (
    args?: A,
  ) => Optimizer & Hyperparameters<T>);

/**
 * The base class of one optimizer: its constructor takes the optimizer's args `A`, applies the
 * default learning rate and checks `hyperparameters`, which become read-only fields. The
 * subclass writes only its class name, slots and update rule.
 * @example class Adadelta extends optimizerBase<AdadeltaArgs>()(0.001, { rho: fractionOption(0.95) }) { ... }
 */
export function optimizerBase<A extends OptimizerArgs>() {
  return <T extends HyperparameterChecks>(
    defaultLearningRate: number,
    hyperparameters: T,
  ): OptimizerBase<A, T> => {
    abstract class Base extends Optimizer {
      constructor(args: A = {} as A) {
        super(args, defaultLearningRate, hyperparameters);
      }
    }
    return Base as unknown as OptimizerBase<A, T>;
  };
}
