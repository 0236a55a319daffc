import type { History, TrainingModel } from '@dendrite/callbacks';
import {
  Layer,
  type LayerIO,
  type LayerVariable,
  type Shape,
  type SymbolicTensor,
} from '@dendrite/layers';
import type * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import {
  type CompiledState,
  disposeCompiled,
  type ModelCompileArgs,
  metricDirection,
  resolveCompile,
} from './engine/compile.js';
import { type CompileConfig, compileConfigOf } from './engine/compile-config.js';
import { type FitDatasetSource, isDatasetSource } from './engine/dataset-iterator.js';
import { evaluateModel, type ModelEvaluateArgs } from './engine/evaluate.js';
import { fitTensors, type ModelFitArgs } from './engine/fit.js';
import { fitDataset, type ModelFitDatasetArgs } from './engine/fit-dataset.js';
import { type OnBatchResult, onBatch } from './engine/on-batch.js';
import { type ModelPredictArgs, predictDataset, predictTensors } from './engine/predict.js';
import { regularization } from './engine/step.js';
import { loadWeightsFrom, type ModelBytes, saveWeightsTo } from './io/route.js';
import { type ModelSaveOptions, saveModel } from './io/save.js';
import { modelConfig } from './io/topology-config.js';
import { printSummary } from './summary.js';
import { buildTopology, executeGraph, type Topology } from './topology.js';

/** Config of a functional {@link LayersModel}. */
export interface ModelArgs {
  /** The symbolic inputs, from `input()`. */
  readonly inputs: SymbolicTensor | readonly SymbolicTensor[];
  /** The symbolic outputs, made by applying layers to the inputs. */
  readonly outputs: SymbolicTensor | readonly SymbolicTensor[];
  /** @defaultValue `model`, `model_1`, ... */
  readonly name?: string;
}

/**
 * A model: a graph of layers from symbolic inputs to outputs that can be trained (`compile`,
 * `fit`), evaluated, used to predict, saved and loaded, and applied as a layer inside another
 * model. Create it with {@link model} (functional) or {@link sequential}.
 * @example
 * const x = input({ shape: [4] });
 * const y = dense({ units: 3, activation: 'softmax' }).apply(dense({ units: 8, activation: 'relu' }).apply(x));
 * const m = model({ inputs: x, outputs: y });
 */
export class LayersModel extends Layer implements TrainingModel {
  static override readonly className: string = 'Model';
  /** Set by callbacks (e.g. EarlyStopping) to end `fit` after the current batch. */
  stopTraining = false;
  /** The running `fit`'s shuffle generator (set by the engine while it runs), for backups. */
  trainingRandom: tf.RandomGenerator | undefined = undefined;
  /** The graph; undefined only for a Sequential model that has not seen its input shape. */
  protected graph: Topology | undefined;
  private compiledState: CompiledState | undefined;
  private trainableModel = true;

  constructor(args: ModelArgs | { readonly name?: string }) {
    super({ name: args.name });
    if ('inputs' in args) {
      const inputs = Array.isArray(args.inputs) ? args.inputs : [args.inputs as SymbolicTensor];
      const outputs = Array.isArray(args.outputs) ? args.outputs : [args.outputs as SymbolicTensor];
      this.graph = buildTopology(this.name, inputs, outputs);
      this.built = true;
    }
  }

  /** The graph, building it first for a Sequential model that is not built yet. */
  getTopology(): Topology {
    if (!this.graph) {
      throw new tf.NotBuiltError(
        `${this.name}: the model has no input shape yet; give the first layer \`inputShape\` or call it on data first`,
      );
    }
    return this.graph;
  }

  /** The symbolic inputs. */
  get inputs(): SymbolicTensor[] {
    return [...this.getTopology().inputs];
  }

  /** The symbolic outputs. */
  get outputs(): SymbolicTensor[] {
    return [...this.getTopology().outputs];
  }

  /** Every layer of the graph, input layers included, in execution order. */
  get layers(): Layer[] {
    return this.graph ? [...this.graph.layers] : [];
  }

  /** The names of the output layers (the keys of per-output losses and logs). */
  get outputNames(): string[] {
    return this.getTopology().outputs.map((o) => o.sourceLayer.name);
  }

  /** The layer called `name`, or at position `index` of {@link layers}. */
  getLayer(nameOrIndex: string | number): Layer {
    const layers = this.layers;
    const found =
      typeof nameOrIndex === 'number'
        ? layers[nameOrIndex]
        : layers.find((l) => l.name === nameOrIndex);
    if (!found) {
      throw new tf.ConfigError(
        `${this.name}: no layer ${tf.describeValue(nameOrIndex)}; layers are ${layers.map((l) => l.name).join(', ')}`,
      );
    }
    return found;
  }

  call(inputs: LayerIO, args: { training?: boolean }): LayerIO {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const outputs = executeGraph(this.getTopology(), list, { training: args.training ?? false });
    return outputs.length === 1 ? (outputs[0] as tf.Tensor) : outputs;
  }

  override computeOutputShape(_inputShape: Shape | Shape[]): Shape | Shape[] {
    const shapes = this.getTopology().outputs.map((o) => [...o.shape]);
    return shapes.length === 1 ? (shapes[0] as Shape) : shapes;
  }

  override get trainable(): boolean {
    return this.trainableModel;
  }

  override set trainable(value: boolean) {
    this.trainableModel = value;
    for (const layer of this.layers) layer.trainable = value;
  }

  /** Every weight, layer by layer (each layer's own order: kernel, bias, ...). */
  override get weights(): LayerVariable[] {
    return this.layers.flatMap((layer) => layer.weights);
  }

  override get trainableWeights(): LayerVariable[] {
    return this.layers.flatMap((layer) => layer.trainableWeights);
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.layers.flatMap((layer) => layer.nonTrainableWeights);
  }

  override regularizationLoss(): tf.Scalar | null {
    let penalty: tf.Scalar | null = null;
    tf.tidy(() => {
      penalty = regularization(this.layers);
      if (penalty) tf.keep(penalty);
    });
    return penalty;
  }

  override applyConstraints(): void {
    for (const layer of this.layers) layer.applyConstraints();
  }

  /** Prints a Keras-style table of the layers, output shapes and parameter counts. */
  summary(
    lineLength?: number,
    positions?: number[],
    printFn: (line: string) => void = console.log,
  ): void {
    printSummary(this, lineLength, positions, printFn);
  }

  /**
   * Sets the optimizer (Keras' default: `'rmsprop'`), loss(es) and metrics used by `fit` and
   * `evaluate`. An optimizer built here from a name or config belongs to the model, which
   * disposes it with itself or on the next `compile`; an instance stays the caller's.
   */
  compile(args: ModelCompileArgs): void {
    const outputs = this.getTopology().outputs;
    const state = resolveCompile(`${this.name}.compile`, outputs, args);
    if (this.compiledState) disposeCompiled(this.compiledState, state.optimizer);
    this.compiledState = state;
  }

  /** The compiled state; throws a clear error when `compile` was not called. */
  requireCompiled(method: string): CompiledState {
    if (!this.compiledState) {
      throw new tf.ConfigError(
        `${this.name}.${method}: the model must be compiled first; call model.compile({optimizer, loss}) before ${method}()`,
      );
    }
    return this.compiledState;
  }

  /**
   * What `compile` set (the loss as given, each output's loss and metric names, the optimizer),
   * for savers; undefined when the model is not compiled.
   */
  getCompileConfig(): CompileConfig | undefined {
    return this.compiledState && compileConfigOf(this.compiledState);
  }

  /** Whether `compile` was called. */
  get isCompiled(): boolean {
    return this.compiledState !== undefined;
  }

  /** The optimizer set by `compile`. */
  get optimizer(): optimizers.Optimizer | undefined {
    return this.compiledState?.optimizer;
  }

  /** Whether the compiled metric behind a log name improves upwards (`'max'`) or down. */
  metricDirection(logName: string): 'max' | 'min' | undefined {
    return this.compiledState ? metricDirection(this.compiledState, logName) : undefined;
  }

  /**
   * Trains on tensors (see {@link ModelFitArgs}) or, as in Keras, on a dataset of `{xs, ys}`
   * batches: `fit(dataset, { epochs, callbacks })`. Returns the run's {@link History}.
   */
  fit(
    x: tf.Tensor | tf.Tensor[],
    y: tf.Tensor | tf.Tensor[],
    args?: ModelFitArgs,
  ): Promise<History>;
  fit(dataset: FitDatasetSource, args?: ModelFitDatasetArgs): Promise<History>;
  fit(
    x: tf.Tensor | tf.Tensor[] | FitDatasetSource,
    y?: tf.Tensor | tf.Tensor[] | ModelFitDatasetArgs,
    args: ModelFitArgs = {},
  ): Promise<History> {
    if (isDatasetSource(x)) return fitDataset(this, x, y as ModelFitDatasetArgs, 'fit');
    return fitTensors(this, x, y as tf.Tensor | tf.Tensor[], args);
  }

  /** Trains on a dataset of `{xs, ys}` (or `[x, y]`) batches, iterated anew each epoch: `fit(dataset)`. */
  fitDataset(dataset: FitDatasetSource, args: ModelFitDatasetArgs = {}): Promise<History> {
    return fitDataset(this, dataset, args);
  }

  /**
   * Loss and metrics on tensors or on a dataset of `{xs, ys}` batches, keyed like the logs
   * (`{loss, accuracy}`).
   */
  evaluate(
    x: tf.Tensor | tf.Tensor[],
    y: tf.Tensor | tf.Tensor[],
    args?: ModelEvaluateArgs,
  ): Promise<Record<string, number>>;
  evaluate(dataset: FitDatasetSource, args?: ModelEvaluateArgs): Promise<Record<string, number>>;
  evaluate(
    x: tf.Tensor | tf.Tensor[] | FitDatasetSource,
    y?: tf.Tensor | tf.Tensor[] | ModelEvaluateArgs,
    args: ModelEvaluateArgs = {},
  ): Promise<Record<string, number>> {
    return evaluateModel(this, x, y, args);
  }

  /**
   * Outputs for `x`, computed in batches; the caller owns the result. For a dataset (elements
   * `{xs}`, `{xs, ys}`, `[x, y]` or a tensor) the result comes as a promise.
   */
  predict(x: tf.Tensor | tf.Tensor[], args?: ModelPredictArgs): tf.Tensor | tf.Tensor[];
  predict(dataset: FitDatasetSource, args?: ModelPredictArgs): Promise<tf.Tensor | tf.Tensor[]>;
  predict(
    x: tf.Tensor | tf.Tensor[] | FitDatasetSource,
    args: ModelPredictArgs = {},
  ): tf.Tensor | tf.Tensor[] | Promise<tf.Tensor | tf.Tensor[]> {
    const single = (outputs: tf.Tensor[]) =>
      outputs.length === 1 ? (outputs[0] as tf.Tensor) : outputs;
    if (isDatasetSource(x)) return predictDataset(this, x, args).then(single);
    return single(predictTensors(this, x, args));
  }

  /** Outputs for one batch (no batching). */
  predictOnBatch(x: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return this.predict(x, { batchSize: Number.MAX_SAFE_INTEGER });
  }

  /** One optimizer step on one batch; returns the loss and metrics of that batch. */
  trainOnBatch(x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[]): Promise<OnBatchResult> {
    return onBatch(this, 'trainOnBatch', x, y);
  }

  /** Loss and metrics of one batch, without training. */
  testOnBatch(x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[]): Promise<OnBatchResult> {
    return onBatch(this, 'testOnBatch', x, y);
  }

  /** Builds a Sequential model lazily from data shapes; a functional model is already built. */
  buildFor(_shapes: Shape[]): void {}

  /**
   * Saves topology, weights and (with `includeOptimizer`) the training config and optimizer
   * state in the TF.js Layers format, through a `tf.io` handler or a URL (`indexeddb://`,
   * `localstorage://`, `downloads://`, or `file://` with `@dendrite/models/node`).
   */
  save(
    destination: string | tf.io.IOHandler,
    options: ModelSaveOptions = {},
  ): Promise<tf.io.SaveResult> {
    return saveModel(this, destination, options);
  }

  /**
   * Reads weights from a weights file of a registered format (Keras 3 `.weights.h5`, legacy
   * Keras 2 `.h5`): a plain path or `file://` URL on Node, an http(s) URL, a `File`/`Blob` or bytes.
   */
  loadWeights(source: string | ModelBytes): Promise<void> {
    return loadWeightsFrom(this, source);
  }

  /** Writes the weights to a weights file (`.weights.h5`, Keras 3's layout) at a path on Node. */
  saveWeights(destination: string): Promise<void> {
    return saveWeightsTo(this, destination);
  }

  /** The camelCase TF.js topology config: name, layers with inbound nodes, input and output layers. */
  override getConfig(): tf.ConfigDict {
    return modelConfig(this);
  }

  /** Frees every layer's weights, the optimizer and the metric state; idempotent. */
  override dispose(): void {
    if (this.isDisposed) return;
    if (this.compiledState) disposeCompiled(this.compiledState);
    this.compiledState = undefined;
    for (const layer of this.layers) layer.dispose();
    super.dispose();
  }
}

/**
 * Creates a functional model from symbolic inputs and outputs.
 * @example
 * const x = input({ shape: [784] });
 * const m = model({ inputs: x, outputs: dense({ units: 10, activation: 'softmax' }).apply(x) });
 */
export function model(args: ModelArgs): LayersModel {
  return new LayersModel(args);
}
