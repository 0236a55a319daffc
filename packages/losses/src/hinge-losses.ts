import { categoricalHinge, hinge, squaredHinge } from './hinge.js';
import { lossClass } from './loss-class.js';

/**
 * Class form of {@link hinge} (log name `'hinge'`).
 * @example new Hinge().apply(labels, scores)
 */
export const Hinge = lossClass({ className: 'Hinge', name: 'hinge', fn: hinge });
/** An instance of {@link Hinge}. */
export type Hinge = InstanceType<typeof Hinge>;

/**
 * Class form of {@link squaredHinge} (log name `'squared_hinge'`).
 * @example new SquaredHinge().apply(labels, scores)
 */
export const SquaredHinge = lossClass({
  className: 'SquaredHinge',
  name: 'squared_hinge',
  fn: squaredHinge,
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
  fn: categoricalHinge,
});
/** An instance of {@link CategoricalHinge}. */
export type CategoricalHinge = InstanceType<typeof CategoricalHinge>;
