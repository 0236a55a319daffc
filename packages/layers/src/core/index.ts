export { Activation, type ActivationArgs, activation } from './activation.js';
export { Dense, type DenseArgs, dense } from './dense.js';
export { denseForward } from './dense-op.js';
export { Dropout, type DropoutArgs, dropout, dropoutMask } from './dropout.js';
export { Flatten, type FlattenArgs, flatten } from './flatten.js';
export { Permute, type PermuteArgs, permute } from './permute.js';
export { RepeatVector, type RepeatVectorArgs, repeatVector } from './repeat-vector.js';
export { Reshape, type ReshapeArgs, reshape } from './reshape.js';
