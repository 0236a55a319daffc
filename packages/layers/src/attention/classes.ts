import type { LayerClass } from '../layer.js';
import { MultiHeadAttention } from './multi-head-attention.js';

/** Attention layer classes for the registry. */
export const attentionLayerClasses: readonly LayerClass[] = [MultiHeadAttention];
