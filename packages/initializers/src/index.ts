export { Constant, type ConstantArgs, constant } from './constant.js';
export { computeFans } from './fans.js';
export { IDENTITY_DEFAULTS, Identity, type IdentityArgs, identity } from './identity.js';
export {
  BaseInitializer,
  type Initializer,
  isInitializer,
  OptionlessInitializer,
} from './initializer.js';
export { Ones, ones } from './ones.js';
export {
  ORTHOGONAL_DEFAULTS,
  Orthogonal,
  type OrthogonalArgs,
  orthogonal,
} from './orthogonal.js';
export type { SeedOnlyArgs } from './preset-args.js';
export {
  RANDOM_NORMAL_DEFAULTS,
  RandomNormal,
  type RandomNormalArgs,
  randomNormal,
} from './random-normal.js';
export {
  RANDOM_UNIFORM_DEFAULTS,
  RandomUniform,
  type RandomUniformArgs,
  randomUniform,
} from './random-uniform.js';
export {
  get,
  type InitializerIdentifier,
  type InitializerName,
  names,
  register,
  serialize,
} from './registry.js';
export { TruncatedNormal, truncatedNormal } from './truncated-normal.js';
export {
  GlorotNormal,
  GlorotUniform,
  glorotNormal,
  glorotUniform,
  HeNormal,
  HeUniform,
  heNormal,
  heUniform,
  LeCunNormal,
  LeCunUniform,
  leCunNormal,
  leCunUniform,
} from './variance-presets.js';
export {
  type Distribution,
  type FanMode,
  VARIANCE_SCALING_DEFAULTS,
  VarianceScaling,
  type VarianceScalingArgs,
  varianceScaling,
} from './variance-scaling.js';
export { Zeros, zeros } from './zeros.js';
