import type { LayerClass } from '../layer.js';

/** Recurrent layer classes for the registry. */
export const recurrentLayerClasses: readonly LayerClass[] = [];
