export { type Constraint, isConstraint } from './constraint.js';
export { MAX_NORM_DEFAULTS, MaxNorm, type MaxNormArgs, maxNorm } from './max-norm.js';
export {
  MIN_MAX_NORM_DEFAULTS,
  MinMaxNorm,
  type MinMaxNormArgs,
  minMaxNorm,
} from './min-max-norm.js';
export { NonNeg, nonNeg } from './non-neg.js';
export type { Axis } from './norms.js';
export {
  type ConstraintIdentifier,
  type ConstraintName,
  get,
  names,
  register,
  serialize,
} from './registry.js';
export { UNIT_NORM_DEFAULTS, UnitNorm, type UnitNormArgs, unitNorm } from './unit-norm.js';
