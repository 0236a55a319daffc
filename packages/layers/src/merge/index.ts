export { Add, add } from './add.js';
export { Average, average } from './average.js';
export {
  CONCATENATE_DEFAULTS,
  Concatenate,
  type ConcatenateArgs,
  concatenate,
} from './concatenate.js';
export { DOT_DEFAULTS, Dot, type DotArgs, dot } from './dot.js';
export { ElementwiseMerge, type ElementwiseMergeArgs } from './elementwise-merge.js';
export { Maximum, maximum } from './maximum.js';
export { Merge } from './merge.js';
export { Minimum, minimum } from './minimum.js';
export { Multiply, multiply } from './multiply.js';
export { Subtract, subtract } from './subtract.js';
