import { lossClass } from './loss-class.js';
import { kullbackLeiblerDivergence, poisson } from './probabilistic.js';

/**
 * Class form of {@link kullbackLeiblerDivergence} (log name `'kl_divergence'`).
 * @example new KLDivergence().apply(yTrue, yPred)
 */
export const KLDivergence = lossClass({
  className: 'KLDivergence',
  name: 'kl_divergence',
  fn: kullbackLeiblerDivergence,
});
/** An instance of {@link KLDivergence}. */
export type KLDivergence = InstanceType<typeof KLDivergence>;

/**
 * Class form of {@link poisson} (log name `'poisson'`).
 * @example new Poisson().apply(counts, rates)
 */
export const Poisson = lossClass({ className: 'Poisson', name: 'poisson', fn: poisson });
/** An instance of {@link Poisson}. */
export type Poisson = InstanceType<typeof Poisson>;
