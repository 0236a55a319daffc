import * as tf from '@dendrite/tensor';
import {
  type Activation,
  type ActivationFunction,
  FunctionActivation,
  isActivation,
} from './activation.js';
import { GELU_DEFAULTS, gelu, mish, swish } from './gated.js';
import * as rectifiers from './rectifiers.js';
import * as sigmoids from './sigmoids.js';
import { logSoftmax, SOFTMAX_DEFAULTS, softmax } from './softmax.js';

/** Every built-in name: the TF.js camelCase names and the Keras snake_case aliases. */
export type ActivationName =
  | 'linear'
  | 'relu'
  | 'relu6'
  | 'leakyRelu'
  | 'leaky_relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'sigmoid'
  | 'hardSigmoid'
  | 'hard_sigmoid'
  | 'hardSigmoidKeras2'
  | 'hard_sigmoid_keras2'
  | 'softmax'
  | 'logSoftmax'
  | 'log_softmax'
  | 'softplus'
  | 'softsign'
  | 'swish'
  | 'silu'
  | 'mish'
  | 'tanh'
  | 'exponential';

/** What {@link get} resolves: a name, a plain function, `{className, config}` or an instance. */
export type ActivationIdentifier =
  | ActivationName
  | ActivationFunction
  | tf.SerializedObject
  | Activation;

function checkKeys(owner: string, config: tf.ConfigDict, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'absent (no options)';
      throw new tf.ConfigError(tf.configMessage(owner, 'config key', expected, key));
    }
  }
}

function plain(name: string, fn: ActivationFunction): (config: tf.ConfigDict) => Activation {
  return (config) => {
    checkKeys(name, config, []);
    return new FunctionActivation(name, fn);
  };
}

function withAlpha(
  name: string,
  fn: (x: tf.Tensor, options: { alpha: number }) => tf.Tensor,
  fallback: number,
): (config: tf.ConfigDict) => Activation {
  return (config) => {
    checkKeys(name, config, ['alpha']);
    const alpha = tf.checkNumber(name, 'alpha', config.alpha ?? fallback, {
      min: name === 'leakyRelu' ? 0 : undefined,
    });
    return new FunctionActivation(name, (x) => fn(x, { alpha }), { alpha });
  };
}

function withAxis(
  name: string,
  fn: (x: tf.Tensor, options: { axis: number }) => tf.Tensor,
): (config: tf.ConfigDict) => Activation {
  return (config) => {
    checkKeys(name, config, ['axis']);
    const axis = tf.checkNumber(name, 'axis', config.axis ?? SOFTMAX_DEFAULTS.axis, {
      integer: true,
    });
    return new FunctionActivation(name, (x) => fn(x, { axis }), { axis });
  };
}

function createGelu(config: tf.ConfigDict): Activation {
  checkKeys('gelu', config, ['approximate']);
  const approximate = tf.checkBoolean(
    'gelu',
    'approximate',
    config.approximate ?? GELU_DEFAULTS.approximate,
  );
  return new FunctionActivation('gelu', (x) => gelu(x, { approximate }), { approximate });
}

const leakyReluFactory = withAlpha(
  'leakyRelu',
  rectifiers.leakyRelu,
  rectifiers.LEAKY_RELU_DEFAULTS.alpha,
);
const hardSigmoidFactory = plain('hardSigmoid', sigmoids.hardSigmoid);
const hardSigmoidKeras2Factory = plain('hardSigmoidKeras2', sigmoids.hardSigmoidKeras2);
const logSoftmaxFactory = withAxis('logSoftmax', logSoftmax);
const swishFactory = plain('swish', swish);

const registry = new tf.Registry<Activation>(
  'activation',
  {
    linear: plain('linear', sigmoids.linear),
    relu: plain('relu', rectifiers.relu),
    relu6: plain('relu6', rectifiers.relu6),
    leakyRelu: leakyReluFactory,
    leaky_relu: leakyReluFactory,
    elu: withAlpha('elu', rectifiers.elu, rectifiers.ELU_DEFAULTS.alpha),
    selu: plain('selu', rectifiers.selu),
    gelu: createGelu,
    sigmoid: plain('sigmoid', sigmoids.sigmoid),
    hardSigmoid: hardSigmoidFactory,
    hard_sigmoid: hardSigmoidFactory,
    hardSigmoidKeras2: hardSigmoidKeras2Factory,
    hard_sigmoid_keras2: hardSigmoidKeras2Factory,
    softmax: withAxis('softmax', softmax),
    logSoftmax: logSoftmaxFactory,
    log_softmax: logSoftmaxFactory,
    softplus: plain('softplus', sigmoids.softplus),
    softsign: plain('softsign', sigmoids.softsign),
    swish: swishFactory,
    silu: swishFactory,
    mish: plain('mish', mish),
    tanh: plain('tanh', sigmoids.tanh),
    exponential: plain('exponential', sigmoids.exponential),
  },
  isActivation,
);

// Passing one of our own functions to `get` gives the built-in, so it serializes by name.
const builtinByFunction = new Map<ActivationFunction, string>([
  [sigmoids.linear, 'linear'],
  [rectifiers.relu, 'relu'],
  [rectifiers.relu6, 'relu6'],
  [rectifiers.leakyRelu, 'leakyRelu'],
  [rectifiers.elu, 'elu'],
  [rectifiers.selu, 'selu'],
  [gelu, 'gelu'],
  [sigmoids.sigmoid, 'sigmoid'],
  [sigmoids.hardSigmoid, 'hardSigmoid'],
  [sigmoids.hardSigmoidKeras2, 'hardSigmoidKeras2'],
  [softmax, 'softmax'],
  [logSoftmax, 'logSoftmax'],
  [sigmoids.softplus, 'softplus'],
  [sigmoids.softsign, 'softsign'],
  [swish, 'swish'],
  [mish, 'mish'],
  [sigmoids.tanh, 'tanh'],
  [sigmoids.exponential, 'exponential'],
]);

/**
 * Resolves an activation from a name (`'relu'`, `'leaky_relu'`, ...), a plain function,
 * a `{className, config}` object or an {@link Activation} (returned unchanged).
 * Unknown names throw `UnknownNameError` listing the valid ones.
 * @example
 * get('gelu').apply(x);
 * get({ className: 'leakyRelu', config: { alpha: 0.1 } });
 */
export function get(identifier: ActivationIdentifier): Activation {
  if (typeof identifier === 'function') {
    const builtin = builtinByFunction.get(identifier);
    if (builtin !== undefined) return registry.create(builtin);
    return new FunctionActivation(identifier.name || 'custom', identifier);
  }
  return registry.get(identifier);
}

/**
 * The name stored in a layer config for `activation` (the TF.js name: `'relu'`,
 * `'softmax'`, `'linear'`, ...). Options such as `alpha` are not part of it; use
 * `{className: a.getClassName(), config: a.getConfig()}` to keep them.
 * @example serialize(get('leaky_relu')); // 'leakyRelu'
 */
export function serialize(activation: Activation): string {
  return activation.name;
}

/**
 * Adds a user activation under `key` (usually `package>Name`), so `get(key)` and
 * `get({className: key, config})` find it.
 * @example register('mine>Square', () => new FunctionActivation('mine>Square', tf.square));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Activation): void {
  registry.register(key, create);
}

/** Every name {@link get} accepts, sorted. */
export function names(): string[] {
  return registry.names();
}
