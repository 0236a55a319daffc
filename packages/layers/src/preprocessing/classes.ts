import type { LayerClass } from '../layer.js';
import { RandomFlip } from './random-flip.js';
import { RandomRotation } from './random-rotation.js';
import { Rescaling } from './rescaling.js';
import { Resizing } from './resizing.js';

/** Preprocessing layer classes (those Keras saves inside models) for the registry. */
export const preprocessingLayerClasses: readonly LayerClass[] = [
  Rescaling,
  Resizing,
  RandomFlip,
  RandomRotation,
];
