import type { LayerClass } from '../layer.js';

/** Normalization layer classes for the registry. */
export const normalizationLayerClasses: readonly LayerClass[] = [];
