import * as tf from '@dendrite/tensor';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

/** Names accepted by {@link get}. */
export type OptimizerName =
  | 'sgd'
  | 'rmsprop'
  | 'adagrad'
  | 'adadelta'
  | 'adam'
  | 'adamax'
  | 'nadam'
  | 'adamw'
  | 'lion';

type Factory = (config: tf.ConfigDict) => Optimizer;
type OptimizerClass = { readonly className: string; fromConfig: Factory };
const builtins: Record<string, Factory> = {};
for (const [name, cls] of <ReadonlyArray<readonly [string, OptimizerClass]>>[
  ['sgd', SGD],
  ['rmsprop', RMSprop],
  ['adagrad', Adagrad],
  ['adadelta', Adadelta],
  ['adam', Adam],
  ['adamax', Adamax],
  ['nadam', Nadam],
  ['adamw', AdamW],
  ['lion', Lion],
]) {
  const create: Factory = (config) => cls.fromConfig(config);
  builtins[name] = create;
  builtins[cls.className] = create;
}

const optimizerRegistry = new tf.Registry<Optimizer>(
  'optimizer',
  builtins,
  (value): value is Optimizer => value instanceof Optimizer,
);

/**
 * Resolves an optimizer from a name (`'adam'`, `'sgd'`, ... or the class name `'Adam'`), a
 * `{className, config}` object, or an instance (returned unchanged). Names give Keras defaults.
 * @example const optimizer = get('adam');
 */
export function get(
  identifier: OptimizerName | string | tf.SerializedObject | Optimizer,
): Optimizer {
  return optimizerRegistry.get(identifier);
}

/**
 * Registers a user optimizer class so `get` can load configs naming it; key it `package>Name`.
 * @example register('my>Sign', (config) => Sign.fromConfig(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Optimizer): void {
  optimizerRegistry.register(key, create);
}

/**
 * The `{className, config}` form of an optimizer, as stored in a model's training config.
 * @example serialize(adam()) // { className: 'Adam', config: { learningRate: 0.001, ... } }
 */
export function serialize(optimizer: Optimizer): tf.SerializedObject {
  return tf.serialize(optimizer);
}
