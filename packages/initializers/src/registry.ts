import * as tf from '@dendrite/tensor';
import { Constant } from './constant.js';
import { Identity } from './identity.js';
import { type Initializer, isInitializer } from './initializer.js';
import { Ones } from './ones.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal } from './random-normal.js';
import { RandomUniform } from './random-uniform.js';
import { TruncatedNormal } from './truncated-normal.js';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LeCunNormal,
  LeCunUniform,
} from './variance-presets.js';
import { VarianceScaling } from './variance-scaling.js';
import { Zeros } from './zeros.js';

/** Every built-in name: TF.js camelCase, Keras snake_case and the class names. */
export type InitializerName =
  | 'zeros'
  | 'Zeros'
  | 'ones'
  | 'Ones'
  | 'constant'
  | 'Constant'
  | 'randomNormal'
  | 'random_normal'
  | 'RandomNormal'
  | 'randomUniform'
  | 'random_uniform'
  | 'RandomUniform'
  | 'truncatedNormal'
  | 'truncated_normal'
  | 'TruncatedNormal'
  | 'varianceScaling'
  | 'variance_scaling'
  | 'VarianceScaling'
  | 'glorotUniform'
  | 'glorot_uniform'
  | 'GlorotUniform'
  | 'glorotNormal'
  | 'glorot_normal'
  | 'GlorotNormal'
  | 'heUniform'
  | 'he_uniform'
  | 'HeUniform'
  | 'heNormal'
  | 'he_normal'
  | 'HeNormal'
  | 'leCunUniform'
  | 'lecunUniform'
  | 'lecun_uniform'
  | 'LeCunUniform'
  | 'LecunUniform'
  | 'leCunNormal'
  | 'lecunNormal'
  | 'lecun_normal'
  | 'LeCunNormal'
  | 'LecunNormal'
  | 'orthogonal'
  | 'Orthogonal'
  | 'OrthogonalInitializer'
  | 'identity'
  | 'Identity';

/** What {@link get} resolves: a name, `{className, config}` or an instance. */
export type InitializerIdentifier = InitializerName | tf.SerializedObject | Initializer;

type Factory = (config: tf.ConfigDict) => Initializer;

const zeros: Factory = (c) => Zeros.fromConfig(c);
const ones: Factory = (c) => Ones.fromConfig(c);
const constant: Factory = (c) => Constant.fromConfig(c);
const randomNormal: Factory = (c) => RandomNormal.fromConfig(c);
const randomUniform: Factory = (c) => RandomUniform.fromConfig(c);
const truncatedNormal: Factory = (c) => TruncatedNormal.fromConfig(c);
const varianceScaling: Factory = (c) => VarianceScaling.fromConfig(c);
const glorotUniform: Factory = (c) => GlorotUniform.fromConfig(c);
const glorotNormal: Factory = (c) => GlorotNormal.fromConfig(c);
const heUniform: Factory = (c) => HeUniform.fromConfig(c);
const heNormal: Factory = (c) => HeNormal.fromConfig(c);
const leCunUniform: Factory = (c) => LeCunUniform.fromConfig(c);
const leCunNormal: Factory = (c) => LeCunNormal.fromConfig(c);
const orthogonal: Factory = (c) => Orthogonal.fromConfig(c);
const identity: Factory = (c) => Identity.fromConfig(c);

const registry = new tf.Registry<Initializer>(
  'initializer',
  {
    zeros,
    Zeros: zeros,
    ones,
    Ones: ones,
    constant,
    Constant: constant,
    randomNormal,
    random_normal: randomNormal,
    RandomNormal: randomNormal,
    randomUniform,
    random_uniform: randomUniform,
    RandomUniform: randomUniform,
    truncatedNormal,
    truncated_normal: truncatedNormal,
    TruncatedNormal: truncatedNormal,
    varianceScaling,
    variance_scaling: varianceScaling,
    VarianceScaling: varianceScaling,
    glorotUniform,
    glorot_uniform: glorotUniform,
    GlorotUniform: glorotUniform,
    glorotNormal,
    glorot_normal: glorotNormal,
    GlorotNormal: glorotNormal,
    heUniform,
    he_uniform: heUniform,
    HeUniform: heUniform,
    heNormal,
    he_normal: heNormal,
    HeNormal: heNormal,
    leCunUniform,
    lecunUniform: leCunUniform,
    lecun_uniform: leCunUniform,
    LeCunUniform: leCunUniform,
    LecunUniform: leCunUniform,
    leCunNormal,
    lecunNormal: leCunNormal,
    lecun_normal: leCunNormal,
    LeCunNormal: leCunNormal,
    LecunNormal: leCunNormal,
    orthogonal,
    Orthogonal: orthogonal,
    // Keras 3's class name for the same initializer (it saves `OrthogonalInitializer`).
    OrthogonalInitializer: orthogonal,
    identity,
    Identity: identity,
  },
  isInitializer,
);

/**
 * Resolves an initializer from a name (`'glorotUniform'`, `'glorot_uniform'`,
 * `'GlorotUniform'`), a `{className, config}` object (TF.js or Keras spellings) or an
 * instance (returned unchanged). Unknown names throw `UnknownNameError` listing the valid ones.
 * @example get({ className: 'VarianceScaling', config: { scale: 2, mode: 'fan_in' } });
 */
export function get(identifier: InitializerIdentifier): Initializer {
  return registry.get(identifier);
}

/**
 * The `{className, config}` form stored in layer configs.
 * @example serialize(glorotUniform({ seed: 1 })); // {className: 'GlorotUniform', config: {seed: 1}}
 */
export function serialize(initializer: Initializer): tf.SerializedObject {
  return tf.serialize(initializer);
}

/**
 * Adds a user initializer under `key` (usually `package>Name`).
 * @example register('mine>Half', (config) => new Half(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Initializer): void {
  registry.register(key, create);
}

/** Every name {@link get} accepts, sorted. */
export function names(): string[] {
  return registry.names();
}
