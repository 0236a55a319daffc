import type { LayerClass } from '../layer.js';
import { Embedding } from './embedding.js';

/** Embedding layer classes for the registry. */
export const embeddingLayerClasses: readonly LayerClass[] = [Embedding];
