import type { LayerClass } from '../layer.js';

/** Merge layer classes for the registry. */
export const mergeLayerClasses: readonly LayerClass[] = [];
