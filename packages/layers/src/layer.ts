import * as constraints from '@dendrite/constraints';
import * as initializers from '@dendrite/initializers';
import * as regularizers from '@dendrite/regularizers';
import * as tf from '@dendrite/tensor';
import { LayerVariable } from './layer-variable.js';
import { isShapeList, type Shape } from './shape.js';
import { type CallArgs, isSymbolic, type LayerNode, SymbolicTensor } from './symbolic-tensor.js';
import { checkNewWeight } from './weight-check.js';

/** Config shared by every layer. */
export interface LayerArgs {
  /** Unique name; Keras-style `dense`, `dense_1`, ... when omitted. */
  readonly name?: string;
  /** Whether the layer's weights train. @defaultValue true */
  readonly trainable?: boolean;
  /** Input shape without the batch dimension; makes the layer a model's first layer. */
  readonly inputShape?: Shape;
  /** Input shape with the batch dimension (`null` for any). */
  readonly batchInputShape?: Shape;
  /** Fixed batch size, used with `inputShape`. */
  readonly batchSize?: number;
  /** Weight and computation dtype. @defaultValue 'float32' */
  readonly dtype?: tf.DataType;
}

/** Options of {@link Layer.addWeight}. */
export interface AddWeightOptions {
  readonly initializer?: initializers.InitializerIdentifier;
  readonly regularizer?: regularizers.RegularizerIdentifier | null;
  readonly constraint?: constraints.ConstraintIdentifier | null;
  /** @defaultValue true */
  readonly trainable?: boolean;
  /** @defaultValue the layer's dtype */
  readonly dtype?: tf.DataType;
}

/** A tensor or list of tensors flowing through layers. */
export type LayerIO = tf.Tensor | tf.Tensor[];
/** A symbolic tensor or list of them. */
export type SymbolicIO = SymbolicTensor | SymbolicTensor[];

const nameCounts = new Map<string, number>();

/** `dense`, then `dense_1`, `dense_2`, ... (Keras naming). */
export function uniqueLayerName(prefix: string): string {
  const count = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, count + 1);
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/** snake_case of a class name: `GlobalAveragePooling2D` → `global_average_pooling2d`. */
export function snakeCase(name: string): string {
  // Keras' rule: split before a capital that starts a lower-case run, then between lower and upper.
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The base of every layer. Subclasses store their config in the constructor, create weights
 * in {@link build} with {@link addWeight}, and write the math in {@link call}; the base does
 * naming, lazy building, graph bookkeeping for symbolic inputs, `tidy`, weights and disposal.
 */
export abstract class Layer implements tf.Serializable {
  /** The TF.js Layers class name, e.g. `'Dense'`. Each subclass sets it. */
  static readonly className: string = 'Layer';

  readonly name: string;
  readonly dtype: tf.DataType;
  /** Batch input shape declared in the config, if any. */
  readonly batchInputShape: Shape | undefined;
  /** The layer calls that built the model graph through this layer. */
  readonly inboundNodes: LayerNode[] = [];
  built = false;
  /**
   * Prefix of this layer's weight names; its own name unless a wrapper nests it, as
   * Bidirectional does (`bidirectional/forward_lstm/kernel`, the Keras and TF.js naming).
   */
  weightScope: string | undefined;
  private trainableFlag: boolean;
  private readonly weightList: LayerVariable[] = [];
  private disposed = false;

  constructor(args: LayerArgs = {}) {
    const className = (this.constructor as typeof Layer).className;
    this.name = args.name ?? uniqueLayerName(snakeCase(className));
    this.trainableFlag = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    if (args.batchInputShape !== undefined) {
      this.batchInputShape = [...args.batchInputShape];
    } else if (args.inputShape !== undefined) {
      this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
    }
  }

  getClassName(): string {
    return (this.constructor as typeof Layer).className;
  }

  /** Re-creates a layer from {@link getConfig}'s output. */
  static fromConfig<T extends Layer>(this: new (args: never) => T, config: tf.ConfigDict): T {
    return new this(config as never);
  }

  /** Whether the layer's weights train; setting it applies to every weight. */
  get trainable(): boolean {
    return this.trainableFlag;
  }

  set trainable(value: boolean) {
    this.trainableFlag = value;
    for (const weight of this.weightList) weight.trainable = value && weight.baseTrainable;
  }

  /**
   * Whether a Keras mask passes through this layer unchanged (Dense, Dropout, Activation and
   * the normalization layers set it, as in Keras). Layers that make or change a mask override
   * {@link computeMask} instead.
   */
  get supportsMasking(): boolean {
    return false;
  }

  /**
   * The mask of this layer's output, given its inputs and the mask that came with them
   * (`[batch, time]` booleans, or `null`): the incoming mask where {@link supportsMasking}, else
   * `null`. Masking, Embedding (`maskZero`) and the recurrent layers make or reshape it.
   */
  computeMask(_inputs: LayerIO, mask: tf.Tensor | null = null): tf.Tensor | null {
    return this.supportsMasking ? mask : null;
  }

  /** Creates the weights for inputs of `inputShape` (batch dimension included). */
  build(_inputShape: Shape | Shape[]): void {
    this.built = true;
  }

  /** The layer's math on concrete tensors; runs inside `tidy`. */
  abstract call(inputs: LayerIO, args: CallArgs): LayerIO;

  /**
   * Output shape for `inputShape`; identity unless a subclass says otherwise. A symbolic call
   * passes its call arguments too, for layers whose output depends on them.
   */
  computeOutputShape(inputShape: Shape | Shape[], _args?: CallArgs): Shape | Shape[] {
    return inputShape;
  }

  /**
   * Calls the layer: on tensors it computes (building weights on first use); on symbolic
   * tensors it records the call in the model graph and returns symbolic outputs.
   */
  apply(inputs: tf.Tensor, args?: CallArgs): tf.Tensor;
  apply(inputs: tf.Tensor[], args?: CallArgs): LayerIO;
  apply(inputs: SymbolicTensor, args?: CallArgs): SymbolicTensor;
  apply(inputs: SymbolicTensor[], args?: CallArgs): SymbolicIO;
  apply(inputs: LayerIO | SymbolicIO, args?: CallArgs): LayerIO | SymbolicIO;
  apply(inputs: LayerIO | SymbolicIO, args: CallArgs = {}): LayerIO | SymbolicIO {
    this.assertAlive();
    if (isSymbolic(inputs)) return this.applySymbolic(inputs, args);
    const list = Array.isArray(inputs) ? inputs : [inputs];
    for (const item of list) {
      if (!(item instanceof tf.Tensor)) {
        throw new tf.ConfigError(
          `${this.name}: inputs must be tensors or symbolic tensors; received ${tf.describeValue(item)}`,
        );
      }
    }
    const shapes =
      (inputs as tf.Tensor[] | tf.Tensor) instanceof tf.Tensor
        ? (inputs as tf.Tensor).shape
        : (inputs as tf.Tensor[]).map((t) => t.shape);
    this.ensureBuilt(shapes as Shape | Shape[]);
    return tf.tidy(() => this.call(inputs as LayerIO, args));
  }

  private applySymbolic(inputs: SymbolicIO, args: CallArgs): SymbolicIO {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shapes = Array.isArray(inputs)
      ? list.map((t) => t.shape)
      : (inputs as SymbolicTensor).shape;
    this.ensureBuilt(shapes);
    const outShape = this.computeOutputShape(shapes, args);
    const outShapes = isShapeList(outShape) ? (outShape as Shape[]) : [outShape as Shape];
    const nodeIndex = this.inboundNodes.length;
    const dtype = this.outputDType(list[0]?.dtype ?? this.dtype);
    const outputs = outShapes.map(
      (shape, index) =>
        new SymbolicTensor(
          dtype,
          shape,
          this,
          nodeIndex,
          index,
          `${this.name}/out${nodeIndex}_${index}`,
        ),
    );
    this.inboundNodes.push({ layer: this, inputs: list, outputs, callArgs: args });
    return isShapeList(outShape) ? outputs : (outputs[0] as SymbolicTensor);
  }

  /** dtype of symbolic outputs; the layer's dtype unless a subclass passes input dtypes through. */
  protected outputDType(_inputDType: tf.DataType): tf.DataType {
    return this.dtype;
  }

  /** Builds once, on the first call. */
  ensureBuilt(inputShape: Shape | Shape[]): void {
    if (this.built) return;
    tf.tidy(() => this.build(inputShape));
    this.built = true;
  }

  /**
   * Creates a weight named `${layer.name}/${name}`; call it from {@link build}.
   * @example this.kernel = this.addWeight('kernel', [inputDim, units], { initializer: 'glorotUniform' });
   */
  addWeight(name: string, shape: number[], options: AddWeightOptions = {}): LayerVariable {
    this.assertAlive();
    const dtype = options.dtype ?? this.dtype;
    const fullName = `${this.weightScope ?? this.name}/${name}`;
    checkNewWeight(fullName, shape, dtype);
    const initializer = initializers.get(options.initializer ?? 'glorotUniform');
    const value = tf.tidy(() => initializer.apply(shape, dtype));
    const weight = new LayerVariable(
      fullName,
      value,
      options.trainable ?? true,
      options.regularizer ? regularizers.get(options.regularizer) : undefined,
      options.constraint ? constraints.get(options.constraint) : undefined,
    );
    value.dispose();
    if (!this.trainableFlag) weight.trainable = false;
    this.weightList.push(weight);
    return weight;
  }

  /** Every weight: trainable ones first, then non-trainable, each in creation order (Keras). */
  get weights(): LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  get trainableWeights(): LayerVariable[] {
    return this.weightList.filter((w) => w.trainable);
  }

  get nonTrainableWeights(): LayerVariable[] {
    return this.weightList.filter((w) => !w.trainable);
  }

  /** Copies of the weight values in {@link weights} order; the caller owns them. */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => tf.clone(w.read()));
  }

  /** Copies `values` into the weights, in {@link weights} order; counts and shapes must match. */
  setWeights(values: readonly tf.Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new tf.ShapeError(
        `${this.name}: setWeights expected ${weights.length} arrays (${weights.map((w) => `${w.originalName} [${w.shape}]`).join(', ')}); received ${values.length}`,
      );
    }
    for (const [i, weight] of weights.entries()) weight.write(values[i] as tf.Tensor);
  }

  /** Number of scalars in the weights. */
  countParams(): number {
    return this.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  }

  /** The sum of the weights' regularization penalties, or `null` when none is set. */
  regularizationLoss(): tf.Scalar | null {
    const terms = this.weightList.filter((w) => w.regularizer && w.trainable);
    if (terms.length === 0) return null;
    return tf.tidy(
      () =>
        tf.addN(
          terms.map((w) => (w.regularizer as regularizers.Regularizer).apply(w.read())),
        ) as tf.Scalar,
    );
  }

  /** Projects every constrained weight; the engine calls it after each optimizer step. */
  applyConstraints(): void {
    for (const weight of this.weightList) weight.applyConstraint();
  }

  /** The TF.js-style config: name, trainable, dtype, and batchInputShape when set. */
  getConfig(): tf.ConfigDict {
    return {
      name: this.name,
      trainable: this.trainableFlag,
      dtype: this.dtype,
      ...(this.batchInputShape ? { batchInputShape: [...this.batchInputShape] } : {}),
    };
  }

  /** Frees every weight; idempotent. The layer cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const weight of this.weightList) weight.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  protected assertAlive(): void {
    if (this.disposed) throw new tf.DisposedError(`${this.name}: layer used after dispose()`);
  }
}

/** A layer class as the registry sees it: constructible from its config. */
export interface LayerClass {
  readonly className: string;
  fromConfig(config: tf.ConfigDict): Layer;
}
