export { Dense, type DenseArgs, dense } from './dense.js';
export { denseForward } from './dense-op.js';
export { Dropout, type DropoutArgs, dropout, dropoutMask } from './dropout.js';
