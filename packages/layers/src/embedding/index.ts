export { EMBEDDING_DEFAULTS, Embedding, type EmbeddingArgs, embedding } from './embedding.js';
export { embeddingLookup } from './embedding-lookup.js';
