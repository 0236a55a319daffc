import type { LayerClass } from '../layer.js';

/** Pooling layer classes for the registry. */
export const poolingLayerClasses: readonly LayerClass[] = [];
