import type { LayerClass } from '../layer.js';

/** Convolutional layer classes for the registry. */
export const convolutionalLayerClasses: readonly LayerClass[] = [];
