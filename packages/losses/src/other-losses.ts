import type * as tf from '@dendrite/tensor';
import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import { Loss, type LossConfig } from './loss.js';
import { kullbackLeiblerDivergence, poisson } from './probabilistic.js';

const asConfig = <T>(config: tf.ConfigDict): T => config as unknown as T;

/**
 * Class form of {@link kullbackLeiblerDivergence} (log name `'kl_divergence'`).
 * @example new KLDivergence().apply(yTrue, yPred)
 */
export class KLDivergence extends Loss {
  static readonly className = 'KLDivergence';
  constructor(config: LossConfig = {}) {
    super('kl_divergence', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return kullbackLeiblerDivergence(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): KLDivergence {
    return new KLDivergence(asConfig(config));
  }
}

/**
 * Class form of {@link poisson} (log name `'poisson'`).
 * @example new Poisson().apply(counts, rates)
 */
export class Poisson extends Loss {
  static readonly className = 'Poisson';
  constructor(config: LossConfig = {}) {
    super('poisson', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return poisson(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): Poisson {
    return new Poisson(asConfig(config));
  }
}

/**
 * Class form of {@link hinge} (log name `'hinge'`).
 * @example new Hinge().apply(labels, scores)
 */
export class Hinge extends Loss {
  static readonly className = 'Hinge';
  constructor(config: LossConfig = {}) {
    super('hinge', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return hinge(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): Hinge {
    return new Hinge(asConfig(config));
  }
}

/**
 * Class form of {@link squaredHinge} (log name `'squared_hinge'`).
 * @example new SquaredHinge().apply(labels, scores)
 */
export class SquaredHinge extends Loss {
  static readonly className = 'SquaredHinge';
  constructor(config: LossConfig = {}) {
    super('squared_hinge', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return squaredHinge(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): SquaredHinge {
    return new SquaredHinge(asConfig(config));
  }
}

/**
 * Class form of {@link categoricalHinge} (log name `'categorical_hinge'`).
 * @example new CategoricalHinge().apply(oneHot, scores)
 */
export class CategoricalHinge extends Loss {
  static readonly className = 'CategoricalHinge';
  constructor(config: LossConfig = {}) {
    super('categorical_hinge', config);
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return categoricalHinge(yTrue, yPred);
  }
  static fromConfig(config: tf.ConfigDict): CategoricalHinge {
    return new CategoricalHinge(asConfig(config));
  }
}
