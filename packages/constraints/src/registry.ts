import * as tf from '@dendrite/tensor';
import { type Constraint, isConstraint } from './constraint.js';
import { MaxNorm } from './max-norm.js';
import { MinMaxNorm } from './min-max-norm.js';
import { NonNeg } from './non-neg.js';
import { UnitNorm } from './unit-norm.js';

/** Every built-in name: TF.js camelCase, Keras snake_case and the class names. */
export type ConstraintName =
  | 'maxNorm'
  | 'max_norm'
  | 'MaxNorm'
  | 'nonNeg'
  | 'non_neg'
  | 'NonNeg'
  | 'unitNorm'
  | 'unit_norm'
  | 'UnitNorm'
  | 'minMaxNorm'
  | 'min_max_norm'
  | 'MinMaxNorm';

/** What {@link get} resolves: a name, `{className, config}` or an instance. */
export type ConstraintIdentifier = ConstraintName | tf.SerializedObject | Constraint;

type Factory = (config: tf.ConfigDict) => Constraint;
const maxNorm: Factory = (c) => MaxNorm.fromConfig(c);
const nonNeg: Factory = (c) => NonNeg.fromConfig(c);
const unitNorm: Factory = (c) => UnitNorm.fromConfig(c);
const minMaxNorm: Factory = (c) => MinMaxNorm.fromConfig(c);

const registry = new tf.Registry<Constraint>(
  'constraint',
  {
    maxNorm,
    max_norm: maxNorm,
    MaxNorm: maxNorm,
    nonNeg,
    non_neg: nonNeg,
    NonNeg: nonNeg,
    unitNorm,
    unit_norm: unitNorm,
    UnitNorm: unitNorm,
    minMaxNorm,
    min_max_norm: minMaxNorm,
    MinMaxNorm: minMaxNorm,
  },
  isConstraint,
);

/**
 * Resolves a constraint from a name (`'maxNorm'`, `'max_norm'`, `'MaxNorm'`), a
 * `{className, config}` object or an instance (returned unchanged).
 * @example get({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } });
 */
export function get(identifier: ConstraintIdentifier): Constraint {
  return registry.get(identifier);
}

/**
 * The `{className, config}` form stored in layer configs.
 * @example serialize(nonNeg()); // {className: 'NonNeg', config: {}}
 */
export function serialize(constraint: Constraint): tf.SerializedObject {
  return tf.serialize(constraint);
}

/**
 * Adds a user constraint under `key` (usually `package>Name`).
 * @example register('mine>Clip', (config) => new Clip(config));
 */
export function register(key: string, create: (config: tf.ConfigDict) => Constraint): void {
  registry.register(key, create);
}

/** Every name {@link get} accepts, sorted. */
export function names(): string[] {
  return registry.names();
}
