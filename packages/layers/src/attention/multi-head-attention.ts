import * as tf from '@dendrite/tensor';
import { type WeightArgs, WeightSettings } from '../convolutional/weight-config.js';
import { dropoutMask } from '../core/dropout.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { checkSeed, NoiseSource } from '../noise/random-draws.js';
import { isShapeList, type Shape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { checkAttentionAxes, checkOutputShape, lastDim } from './attention-config.js';
import { attentionMask } from './attention-masks.js';
import { attentionLayout, project, scaledDotProductAttention } from './attention-ops.js';

/**
 * Config of {@link MultiHeadAttention}; its projection `kernel`s (initializer default
 * 'glorotUniform') and `bias`es ('zeros') each take an
 * initializer, a regularizer and a constraint ({@link WeightArgs}; none by default).
 */
export interface MultiHeadAttentionArgs
  extends LayerArgs,
    WeightArgs<'kernel'>,
    WeightArgs<'bias'> {
  /** Number of attention heads, a positive integer. */
  readonly numHeads: number;
  /** Size of each head's query and key projections, a positive integer. */
  readonly keyDim: number;
  /** Size of each head's value projection. @defaultValue keyDim */
  readonly valueDim?: number | null;
  /** Dropout rate on the attention weights (training only), in [0, 1). @defaultValue 0 */
  readonly dropout?: number;
  /** Whether the projections have biases. @defaultValue true */
  readonly useBias?: boolean;
  /** Trailing output shape (an integer or a list); `null` keeps the query's last dimension. @defaultValue null */
  readonly outputShape?: number | readonly number[] | null;
  /**
   * Input axes attended over (batch is 0; the last is the features); `null` means every axis
   * between them. Set to the resolved list once built, as Keras does. @defaultValue null
   */
  readonly attentionAxes?: number | readonly number[] | null;
  /** Seed of the attention dropout. @defaultValue from the global seed stream */
  readonly seed?: number | null;
}

/** Defaults of {@link MultiHeadAttentionArgs} (Keras 3). */
export const MULTI_HEAD_ATTENTION_DEFAULTS = Object.freeze({
  dropout: 0,
  useBias: true,
  outputShape: null,
  attentionAxes: null,
});

/** The projections, in Keras' weight order; their weights are `${name}/kernel` and `/bias`. */
const PROJECTIONS = ['query', 'key', 'value', 'attention_output'] as const;
type Projection = (typeof PROJECTIONS)[number];

const owner = 'MultiHeadAttention';

/**
 * Multi-head attention (Vaswani et al. 2017, "Attention Is All You Need") with Keras 3's
 * semantics and weight layout. Inputs are `[query, value]` or `[query, value, key]` (key
 * defaults to value). Each is projected per head (`query`, `key`, `value` kernels
 * `[features, numHeads, keyDim|valueDim]`, biases `[numHeads, dim]`); the scaled dot-product
 * `softmax(q·kᵀ / sqrt(keyDim))·v` runs over the attention axes; the `attention_output` kernel
 * `[numHeads, valueDim, ...outputShape]` maps the heads back. Output: the query's shape with
 * the last axis replaced by `outputShape`.
 *
 * Call arguments: `attentionMask` (booleans `[batch, queryLength, keyLength]`, true = attend),
 * `useCausalMask` (query position i sees keys j <= i), the Keras masks of query/value/key
 * (`mask`, as a model passes them), `training` (attention dropout), and
 * `returnAttentionScores` (returns `[output, scores]`).
 * @example
 * const mha = multiHeadAttention({ numHeads: 2, keyDim: 16 });
 * const y = mha.apply([x, x]); // self-attention
 */
export class MultiHeadAttention extends Layer {
  static override readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number | readonly number[] | null;
  /** As configured, or the resolved axes once built. */
  attentionAxes: readonly number[] | null;
  readonly seed: number | undefined;
  private readonly kernelSettings: WeightSettings;
  private readonly biasSettings: WeightSettings;
  private readonly noise: NoiseSource;
  private readonly kernels = new Map<Projection, LayerVariable>();
  private readonly biases = new Map<Projection, LayerVariable>();
  /** The query rank the layer was built for. */
  private queryRank = 0;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = tf.checkNumber(owner, 'numHeads', args?.numHeads, { integer: true, min: 1 });
    this.keyDim = tf.checkNumber(owner, 'keyDim', args.keyDim, { integer: true, min: 1 });
    const valueDim = args.valueDim ?? this.keyDim;
    this.valueDim = tf.checkNumber(owner, 'valueDim', valueDim, { integer: true, min: 1 });
    this.dropout = tf.checkNumber(
      owner,
      'dropout',
      args.dropout ?? MULTI_HEAD_ATTENTION_DEFAULTS.dropout,
      { min: 0, max: 1, maxExclusive: true },
    );
    this.useBias = args.useBias ?? MULTI_HEAD_ATTENTION_DEFAULTS.useBias;
    this.outputShape = checkOutputShape(args.outputShape ?? null);
    this.attentionAxes = checkAttentionAxes(args.attentionAxes ?? null);
    this.seed = checkSeed(owner, args.seed);
    this.noise = new NoiseSource(this.seed);
    this.kernelSettings = new WeightSettings(args, 'kernel', 'glorotUniform');
    this.biasSettings = new WeightSettings(args, 'bias', 'zeros');
  }

  /** The query's Keras mask passes through to the output. */
  override get supportsMasking(): boolean {
    return true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const [queryShape, valueShape, keyShape] = this.inputShapes(inputShape);
    const queryRank = queryShape.length;
    const axes = this.attentionAxes ?? Array.from({ length: queryRank - 2 }, (_, i) => i + 1);
    for (const axis of axes) {
      if (axis > queryRank - 2) {
        throw new tf.ShapeError(
          `${this.name}: \`attentionAxes\` [${axes}] must lie between the batch axis and the last axis of the query; received query shape [${queryShape.map((d) => d ?? 'null')}]`,
        );
      }
    }
    this.attentionAxes = axes;
    this.queryRank = queryRank;
    const outDims = this.outputDims(queryShape);
    const shapes: Record<Projection, { kernel: number[]; bias: number[] }> = {
      query: {
        kernel: [lastDim(this.name, 'query', queryShape), this.numHeads, this.keyDim],
        bias: [this.numHeads, this.keyDim],
      },
      key: {
        kernel: [lastDim(this.name, 'key', keyShape), this.numHeads, this.keyDim],
        bias: [this.numHeads, this.keyDim],
      },
      value: {
        kernel: [lastDim(this.name, 'value', valueShape), this.numHeads, this.valueDim],
        bias: [this.numHeads, this.valueDim],
      },
      attention_output: { kernel: [this.numHeads, this.valueDim, ...outDims], bias: outDims },
    };
    for (const projection of PROJECTIONS) {
      const { kernel, bias } = shapes[projection];
      const kernelWeight = this.addWeight(
        `${projection}/kernel`,
        kernel,
        this.kernelSettings.addWeightOptions(),
      );
      this.kernels.set(projection, kernelWeight);
      if (this.useBias) {
        this.biases.set(
          projection,
          this.addWeight(`${projection}/bias`, bias, this.biasSettings.addWeightOptions()),
        );
      }
    }
    this.built = true;
  }

  call(inputs: LayerIO, args: CallArgs): LayerIO {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.inputShapes(list.map((t) => t.shape));
    const [query, value, key = value] = list as [tf.Tensor, tf.Tensor, tf.Tensor?];
    if (query.rank !== this.queryRank) {
      throw new tf.ShapeError(
        `${this.name}: built for queries of rank ${this.queryRank}; received shape [${query.shape}]`,
      );
    }
    const q = this.projection('query', query, 1);
    const v = this.projection('value', value, 1);
    const k = this.projection('key', key, 1);
    const masks = Array.isArray(args.mask) ? (args.mask as Array<tf.Tensor | null>) : [];
    const mask = attentionMask(this.name, {
      query,
      value,
      queryMask: masks[0] ?? null,
      valueMask: masks[1] ?? null,
      keyMask: masks[2] ?? null,
      attentionMask: (args.attentionMask as tf.Tensor | null | undefined) ?? null,
      useCausalMask: args.useCausalMask === true,
    });
    const layout = attentionLayout(query.rank + 1, this.attentionAxes as number[]);
    const training = args.training === true && this.dropout > 0;
    const { output, scores } = scaledDotProductAttention(
      this.name,
      q,
      k,
      v,
      layout,
      this.keyDim,
      mask,
      training
        ? (p) => tf.mul(p, dropoutMask(p.shape, this.dropout, this.noise.generator()))
        : undefined,
    );
    const result = this.projection('attention_output', output, 2);
    return args.returnAttentionScores === true ? [result, scores] : result;
  }

  override computeOutputShape(inputShape: Shape | Shape[], args: CallArgs = {}): Shape | Shape[] {
    const [queryShape, valueShape, keyShape] = this.inputShapes(inputShape);
    const output = [...queryShape.slice(0, -1), ...this.outputDims(queryShape)];
    if (args.returnAttentionScores !== true) return output;
    // Scores: [batch-like axes (heads included), query attention axes, key attention axes].
    const rank = queryShape.length + 1;
    const axes = this.attentionAxes ?? Array.from({ length: rank - 3 }, (_, i) => i + 1);
    const projected = (shape: Shape) => [...shape.slice(0, -1), this.numHeads];
    const query = projected(queryShape);
    const key = projected(keyShape ?? valueShape);
    const layout = attentionLayout(rank, axes);
    const scores = [
      ...layout.batchAxes.map((axis) => query[axis] ?? null),
      ...axes.map((axis) => query[axis] ?? null),
      ...axes.map((axis) => key[axis] ?? null),
    ];
    return [output, scores];
  }

  override computeMask(_inputs: LayerIO, mask: tf.Tensor | null = null): tf.Tensor | null {
    return mask;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: Array.isArray(this.outputShape)
        ? [...this.outputShape]
        : (this.outputShape as number | null),
      attentionAxes: this.attentionAxes ? [...this.attentionAxes] : null,
      ...this.kernelSettings.config(),
      ...this.biasSettings.config(),
      seed: this.seed ?? null,
    };
  }

  private projection(name: Projection, x: tf.Tensor, contracted: number): tf.Tensor {
    const kernel = (this.kernels.get(name) as LayerVariable).read();
    const expected = kernel.shape.slice(0, contracted);
    if (!tf.util.arraysEqual(x.shape.slice(x.rank - contracted), expected)) {
      throw new tf.ShapeError(
        `${this.name}: the ${name} input must end in [${expected}]; received shape [${x.shape}]`,
      );
    }
    return project(x, kernel, this.biases.get(name)?.read(), contracted);
  }

  private inputShapes(inputShape: Shape | readonly Shape[]): [Shape, Shape, Shape] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape as Shape];
    if (shapes.length !== 2 && shapes.length !== 3) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs [query, value] or [query, value, key]; received ${shapes.length} input${shapes.length === 1 ? '' : 's'}`,
      );
    }
    const [query, value, key = value] = shapes as [Shape, Shape, Shape?];
    if (query.length < 3) {
      throw new tf.ShapeError(
        `${this.name}: the query must have rank >= 3 ([batch, ...positions, features]); received shape [${query.map((d) => d ?? 'null')}]`,
      );
    }
    return [query, value, key];
  }

  private outputDims(queryShape: Shape): number[] {
    if (this.outputShape === null) return [lastDim(this.name, 'query', queryShape)];
    return typeof this.outputShape === 'number' ? [this.outputShape] : [...this.outputShape];
  }
}

/** Creates a {@link MultiHeadAttention} layer. @example multiHeadAttention({ numHeads: 2, keyDim: 64 }) */
export function multiHeadAttention(args: MultiHeadAttentionArgs): MultiHeadAttention {
  return new MultiHeadAttention(args);
}
