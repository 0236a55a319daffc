import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import { lossClass } from './loss-class.js';

/**
 * Class form of {@link hinge} (log name `'hinge'`).
 * @example new Hinge().apply(labels, scores)
 */
export const Hinge = lossClass({
  className: 'Hinge',
  name: 'hinge',
  options: {},
  fn: (yTrue, yPred) => hinge(yTrue, yPred),
});
/** An instance of {@link Hinge}. */
export type Hinge = InstanceType<typeof Hinge>;

/**
 * Class form of {@link squaredHinge} (log name `'squared_hinge'`).
 * @example new SquaredHinge().apply(labels, scores)
 */
export const SquaredHinge = lossClass({
  className: 'SquaredHinge',
  name: 'squared_hinge',
  options: {},
  fn: (yTrue, yPred) => squaredHinge(yTrue, yPred),
});
/** An instance of {@link SquaredHinge}. */
export type SquaredHinge = InstanceType<typeof SquaredHinge>;

/**
 * Class form of {@link categoricalHinge} (log name `'categorical_hinge'`).
 * @example new CategoricalHinge().apply(oneHot, scores)
 */
export const CategoricalHinge = lossClass({
  className: 'CategoricalHinge',
  name: 'categorical_hinge',
  options: {},
  fn: (yTrue, yPred) => categoricalHinge(yTrue, yPred),
});
/** An instance of {@link CategoricalHinge}. */
export type CategoricalHinge = InstanceType<typeof CategoricalHinge>;
