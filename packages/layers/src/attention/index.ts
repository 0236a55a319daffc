export {
  MULTI_HEAD_ATTENTION_DEFAULTS,
  MultiHeadAttention,
  type MultiHeadAttentionArgs,
  multiHeadAttention,
} from './multi-head-attention.js';
