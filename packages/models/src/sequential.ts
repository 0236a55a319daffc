import { InputLayer, input, type Layer, type Shape, type SymbolicTensor } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { LayersModel } from './layers-model.js';
import { buildTopology } from './topology.js';

/** Config of {@link Sequential}. */
export interface SequentialArgs {
  /** Layers to add, in order. @defaultValue none */
  readonly layers?: readonly Layer[];
  /** @defaultValue `sequential`, `sequential_1`, ... */
  readonly name?: string;
}

/**
 * A stack of layers, each feeding the next. The first layer's `inputShape` (or
 * `batchInputShape`) builds the model at once; without it the model builds on its first data.
 * @example
 * const m = sequential({ layers: [dense({ units: 8, inputShape: [4], activation: 'relu' }), dense({ units: 1 })] });
 */
export class Sequential extends LayersModel {
  static override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];
  /** The input, then each layer's output. */
  private readonly chain: SymbolicTensor[] = [];

  constructor(args: SequentialArgs = {}) {
    super({ name: args.name });
    this.built = false;
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /** Appends a layer; the first one may declare the input shape. */
  add(layer: Layer): void {
    if (!(layer instanceof Object) || typeof (layer as Layer).apply !== 'function') {
      throw new tf.ConfigError(tf.configMessage(`${this.name}.add`, 'layer', 'a layer', layer));
    }
    if (this.stack.includes(layer) || this.stack.some((l) => l.name === layer.name)) {
      throw new tf.ConfigError(
        `${this.name}.add: layer names must be unique in a model; "${layer.name}" is already in it`,
      );
    }
    if (layer instanceof InputLayer) {
      if (this.stack.length > 0 || this.chain.length > 0) {
        throw new tf.ConfigError(`${this.name}.add: an InputLayer can only be the first layer`);
      }
      this.chain.push(layer.output);
      this.connect([]);
      return;
    }
    this.stack.push(layer);
    if (this.chain.length === 0 && this.stack.length === 1 && layer.batchInputShape) {
      this.chain.push(
        input({
          batchShape: layer.batchInputShape,
          dtype: layer.dtype,
          name: `${layer.name}_input`,
        }),
      );
    }
    if (this.chain.length > 0) this.connect([layer]);
  }

  /** Removes the last layer. */
  pop(): void {
    if (this.stack.length === 0)
      throw new tf.ConfigError(`${this.name}.pop: the model has no layers`);
    this.stack.pop();
    if (this.chain.length > 1) {
      this.chain.pop();
      this.graph = buildTopology(
        this.name,
        [this.chain[0] as SymbolicTensor],
        [this.chain.at(-1) as SymbolicTensor],
      );
    }
  }

  /** Applies `layers` after the current output and rebuilds the graph. */
  private connect(layers: readonly Layer[]): void {
    for (const layer of layers) {
      const next = layer.apply(this.chain.at(-1) as SymbolicTensor);
      if (Array.isArray(next)) {
        throw new tf.ConfigError(
          `${this.name}: layers of a Sequential model must have one output; ${layer.name} has ${next.length}`,
        );
      }
      this.chain.push(next);
    }
    this.graph = buildTopology(
      this.name,
      [this.chain[0] as SymbolicTensor],
      [this.chain.at(-1) as SymbolicTensor],
    );
    this.built = true;
  }

  /** Builds the model for inputs of `inputShape` (batch dimension first). */
  override build(inputShape: Shape | Shape[]): void {
    if (this.graph) return;
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const first = this.stack[0];
    if (!first)
      throw new tf.ConfigError(`${this.name}: cannot build a Sequential model with no layers`);
    this.chain.push(input({ batchShape: [null, ...shape.slice(1)], name: `${first.name}_input` }));
    this.connect([...this.stack]);
  }

  override buildFor(shapes: Shape[]): void {
    if (!this.graph && shapes[0]) this.ensureBuilt(shapes[0]);
  }

  /** The added layers (the input layer is not listed, as in Keras). */
  override get layers(): Layer[] {
    if (this.graph) return this.graph.layers.filter((l) => !(l instanceof InputLayer));
    return [...this.stack];
  }
}

/**
 * Creates a {@link Sequential} model.
 * @example const m = sequential({ layers: [dense({ units: 1, inputShape: [3] })] });
 */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
