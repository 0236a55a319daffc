import type { LayerClass } from '../layer.js';
import { Normalization } from './normalization.js';
import { RandomFlip } from './random-flip.js';
import { RandomRotation } from './random-rotation.js';
import { Rescaling } from './rescaling.js';
import { Resizing } from './resizing.js';

/** Preprocessing layer classes (those Keras saves inside models) for the registry. */
export const preprocessingLayerClasses: readonly LayerClass[] = [
  Rescaling,
  Normalization,
  Resizing,
  RandomFlip,
  RandomRotation,
];
