import type { LayerClass } from '../layer.js';
import { Activation } from './activation.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { Permute } from './permute.js';
import { RepeatVector } from './repeat-vector.js';
import { Reshape } from './reshape.js';
import { SlicingOpLambda } from './slicing-op-lambda.js';
import { TFOpLambda } from './tf-op-lambda.js';

/** Core layer classes for the registry. */
export const coreLayerClasses: readonly LayerClass[] = [
  Dense,
  Dropout,
  Activation,
  Flatten,
  Reshape,
  Permute,
  RepeatVector,
  TFOpLambda,
  SlicingOpLambda,
];
