import type { LayerClass } from '../layer.js';
import { Add } from './add.js';
import { Average } from './average.js';
import { Concatenate } from './concatenate.js';
import { Dot } from './dot.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Multiply } from './multiply.js';
import { Subtract } from './subtract.js';

/** The element-wise merge layer classes. */
export const elementwiseMergeClasses = [
  Add,
  Subtract,
  Multiply,
  Average,
  Maximum,
  Minimum,
] as const;

/** Merge layer classes for the registry. */
export const mergeLayerClasses: readonly LayerClass[] = [
  ...elementwiseMergeClasses,
  Concatenate,
  Dot,
];
