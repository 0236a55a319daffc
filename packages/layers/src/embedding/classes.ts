import type { LayerClass } from '../layer.js';

/** Embedding layer classes for the registry. */
export const embeddingLayerClasses: readonly LayerClass[] = [];
