import * as tf from '@dendrite/tensor';
import { type WeightArgs, WeightSettings } from '../convolutional/weight-config.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { checkPositiveInteger } from '../positive-integer.js';
import { type Shape, singleShape } from '../shape.js';
import { embeddingLookup } from './embedding-lookup.js';

/**
 * Config of {@link Embedding}; the `embeddings` table (initializer default 'randomUniform',
 * uniform in [-0.05, 0.05) as Keras' 'uniform') takes an initializer, a regularizer and a
 * constraint ({@link WeightArgs}; none by default).
 */
export interface EmbeddingArgs extends LayerArgs, WeightArgs<'embeddings'> {
  /** Vocabulary size: indices run over [0, inputDim). */
  readonly inputDim: number;
  /** Length of each embedding vector. */
  readonly outputDim: number;
  /** Whether index 0 is padding, masked out by {@link Embedding.computeMask}. @defaultValue false */
  readonly maskZero?: boolean;
  /** Length of input sequences, kept for TF.js configs (Keras 2). @defaultValue null */
  readonly inputLength?: number | readonly number[] | null;
}

/** Defaults of {@link EmbeddingArgs}. */
export const EMBEDDING_DEFAULTS = Object.freeze({
  embeddingsInitializer: 'randomUniform',
  maskZero: false,
});

/**
 * Keras 2 and TF.js: `inputLength` without `inputShape` declares the input shape, so a model
 * starting with the embedding is built at once.
 */
function withInputLengthShape(args: EmbeddingArgs): EmbeddingArgs {
  const length = args?.inputLength;
  if (length === undefined || length === null) return args;
  if (args.inputShape !== undefined || args.batchInputShape !== undefined) return args;
  const dims = typeof length === 'number' ? [length] : [...length];
  return { ...args, batchInputShape: [args.batchSize ?? null, ...dims] };
}

/**
 * Maps integer indices to dense vectors: `[batch, ...] → [batch, ..., outputDim]`, weight
 * `embeddings` `[inputDim, outputDim]`. Indices outside [0, inputDim) are an error. Trains on
 * every backend (its gradient is a scatter-add).
 * @example const layer = embedding({ inputDim: 1000, outputDim: 64 });
 */
export class Embedding extends Layer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly inputLength: number | number[] | null;
  private readonly embeddingsSettings: WeightSettings;
  embeddings: LayerVariable | undefined;

  constructor(args: EmbeddingArgs) {
    super(withInputLengthShape(args));
    this.inputDim = checkPositiveInteger('Embedding', 'inputDim', args?.inputDim);
    this.outputDim = checkPositiveInteger('Embedding', 'outputDim', args?.outputDim);
    this.maskZero = args.maskZero ?? EMBEDDING_DEFAULTS.maskZero;
    const length = args.inputLength ?? null;
    this.inputLength = typeof length === 'number' || length === null ? length : [...length];
    const initializer = EMBEDDING_DEFAULTS.embeddingsInitializer;
    this.embeddingsSettings = new WeightSettings(args, 'embeddings', initializer);
  }

  override build(_inputShape: Shape | Shape[]): void {
    this.embeddings = this.addWeight(
      'embeddings',
      [this.inputDim, this.outputDim],
      this.embeddingsSettings.addWeightOptions(),
    );
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const indices = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
    this.checkIndices(indices);
    return embeddingLookup((this.embeddings as LayerVariable).read() as tf.Tensor2D, indices);
  }

  /** Reads the smallest and largest index (one small device read) and rejects out-of-range ones. */
  private checkIndices(indices: tf.Tensor): void {
    if (indices.size === 0) return;
    const [low, high] = tf.stack([tf.min(indices), tf.max(indices)]).dataSync() as Int32Array;
    const bad = (low as number) < 0 ? low : (high as number) >= this.inputDim ? high : undefined;
    if (bad !== undefined) {
      throw new tf.ValueError(
        `${this.name}: indices must be integers in [0, ${this.inputDim}) (inputDim ${this.inputDim}); received ${bad}`,
      );
    }
  }

  /** The padding mask (`indices != 0`) when `maskZero` is set, else `null`. */
  override computeMask(inputs: LayerIO, _mask: tf.Tensor | null = null): tf.Tensor | null {
    if (!this.maskZero) return null;
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.tidy(() => tf.notEqual(x, tf.scalar(0, x.dtype)));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...singleShape(this.name, inputShape), this.outputDim];
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      ...this.embeddingsSettings.config(),
      maskZero: this.maskZero,
      inputLength: Array.isArray(this.inputLength) ? [...this.inputLength] : this.inputLength,
    };
  }
}

/** Creates an {@link Embedding} layer. @example embedding({ inputDim: 10000, outputDim: 32, maskZero: true }) */
export function embedding(args: EmbeddingArgs): Embedding {
  return new Embedding(args);
}
