import * as tf from '@dendrite/tensor';
import { type L1Args, L1L2, type L2Args, l1, l2 } from './l1l2.js';
import { isRegularizer, type Regularizer } from './regularizer.js';

/** Every built-in name: TF.js/Keras names and class names (`'L1'`, `'L2'` are Keras 3 classes). */
export type RegularizerName = 'l1' | 'l2' | 'l1l2' | 'l1_l2' | 'L1L2' | 'L1' | 'L2';

/** What {@link get} resolves: a name, `{className, config}` or an instance. */
export type RegularizerIdentifier = RegularizerName | tf.SerializedObject | Regularizer;

const l1l2Factory = (config: tf.ConfigDict): Regularizer => L1L2.fromConfig(config);
const l1Factory = (config: tf.ConfigDict): Regularizer => l1(config as L1Args);
const l2Factory = (config: tf.ConfigDict): Regularizer => l2(config as L2Args);

const registry = new tf.Registry<Regularizer>(
  'regularizer',
  {
    l1: l1Factory,
    L1: l1Factory,
    l2: l2Factory,
    L2: l2Factory,
    l1l2: l1l2Factory,
    l1_l2: l1l2Factory,
    L1L2: l1l2Factory,
  },
  isRegularizer,
);

/**
 * Resolves a regularizer from a name (`'l2'`, `'l1_l2'`, ...), a `{className, config}` object
 * (TF.js `L1L2`, Keras 3 `L1`/`L2`/`L1L2`) or an instance (returned unchanged).
 * @example get({ className: 'L1L2', config: { l1: 0, l2: 0.001 } });
 */
export function get(identifier: RegularizerIdentifier): Regularizer {
  return registry.get(identifier);
}

/**
 * The `{className, config}` form stored in layer configs.
 * @example serialize(l2({ l2: 0.1 })); // {className: 'L1L2', config: {l1: 0, l2: 0.1}}
 */
export function serialize(regularizer: Regularizer): tf.SerializedObject {
  return tf.serialize(regularizer);
}

/**
 * Adds a user regularizer under `key` (usually `package>Name`).
 * @example register('mine>Entropy', (config) => new Entropy(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Regularizer): void {
  registry.register(key, create);
}

/** Every name {@link get} accepts, sorted. */
export function names(): string[] {
  return registry.names();
}
