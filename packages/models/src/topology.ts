import {
  InputLayer,
  type Layer,
  type LayerIO,
  type LayerNode,
  type SymbolicTensor,
} from '@dendrite/layers';
import * as tf from '@dendrite/tensor';

/** The graph of a functional model: the layer calls between its inputs and outputs, in order. */
export interface Topology {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** Every layer call from the inputs to the outputs, each after the calls it depends on. */
  readonly nodes: readonly LayerNode[];
  /** Each layer once, in the order its first call runs (input layers first). */
  readonly layers: readonly Layer[];
}

function nodeIndexOf(node: LayerNode): number {
  return node.layer.inboundNodes.indexOf(node);
}

/**
 * Walks back from `outputs` to `inputs` and orders the layer calls so that each runs after
 * the calls producing its inputs. Throws when an output depends on a tensor that no model input
 * feeds (a disconnected graph), or when an input is not an `input()` tensor.
 */
export function buildTopology(
  owner: string,
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
): Topology {
  if (inputs.length === 0 || outputs.length === 0) {
    throw new tf.ConfigError(
      `${owner}: a model needs at least one input and one output; received ${inputs.length} inputs and ${outputs.length} outputs`,
    );
  }
  const inputIds = new Set<number>();
  for (const tensor of inputs) {
    if (!(tensor.sourceLayer instanceof InputLayer)) {
      throw new tf.ConfigError(
        `${owner}: model inputs must come from input(); received ${tensor.name}, made by layer ${tensor.sourceLayer.name}`,
      );
    }
    if (inputIds.has(tensor.id)) {
      throw new tf.ConfigError(`${owner}: the input ${tensor.name} is listed twice`);
    }
    inputIds.add(tensor.id);
  }
  const ordered: LayerNode[] = [];
  const done = new Set<LayerNode>();
  const active = new Set<LayerNode>();
  const visit = (tensor: SymbolicTensor): void => {
    const node = tensor.node;
    if (done.has(node)) return;
    if (active.has(node)) {
      throw new tf.ConfigError(`${owner}: the graph has a cycle through layer ${node.layer.name}`);
    }
    if (node.inputs.length === 0 && !inputIds.has(tensor.id)) {
      throw new tf.ConfigError(
        `${owner}: graph disconnected: the outputs depend on ${tensor.name}, which is not among the model inputs [${inputs.map((t) => t.name).join(', ')}]`,
      );
    }
    active.add(node);
    for (const input of node.inputs) visit(input);
    active.delete(node);
    done.add(node);
    ordered.push(node);
  };
  for (const input of inputs) visit(input);
  for (const output of outputs) visit(output);
  const layers: Layer[] = [];
  const seen = new Set<Layer>();
  const names = new Map<string, Layer>();
  for (const node of ordered) {
    if (seen.has(node.layer)) continue;
    const clash = names.get(node.layer.name);
    if (clash) {
      throw new tf.ConfigError(
        `${owner}: layer names must be unique in a model; "${node.layer.name}" is used by two layers`,
      );
    }
    names.set(node.layer.name, node.layer);
    seen.add(node.layer);
    layers.push(node.layer);
  }
  return { inputs: [...inputs], outputs: [...outputs], nodes: ordered, layers };
}

/** Options of {@link executeGraph}. */
export interface ExecuteOptions {
  readonly training?: boolean;
  /**
   * Replaces the call of one node: the engine uses it to take pre-softmax logits from the
   * last Dense layer. Returns `undefined` to run the node normally.
   */
  readonly override?: (node: LayerNode, inputs: tf.Tensor[]) => tf.Tensor | undefined;
  /** Filled with each output's Keras mask (or `null`), for masked losses and metrics. */
  readonly outputMasks?: Array<tf.Tensor | null>;
}

/**
 * Runs the graph on concrete tensors, one per model input, and returns one tensor per output.
 * Intermediate tensors are not freed here: call it inside `tf.tidy`.
 */
export function executeGraph(
  topology: Topology,
  inputs: readonly tf.Tensor[],
  options: ExecuteOptions = {},
): tf.Tensor[] {
  const values = new Map<number, tf.Tensor>();
  // Keras masks ([batch, time] booleans) travel beside the values: made by Masking or an
  // Embedding with maskZero, passed to each layer's call as `mask`, and carried on by the layers
  // that support masking. Without a mask anywhere this costs nothing.
  const masks = new Map<number, tf.Tensor>();
  topology.inputs.forEach((symbolic, i) => {
    values.set(symbolic.id, inputs[i] as tf.Tensor);
  });
  for (const node of topology.nodes) {
    if (node.inputs.length === 0) continue;
    const args = node.inputs.map((symbolic) => values.get(symbolic.id) as tf.Tensor);
    const inputMasks = node.inputs.map((symbolic) => masks.get(symbolic.id) ?? null);
    const firstMask = inputMasks.find((m) => m !== null) ?? null;
    const replaced = options.override?.(node, args);
    let outputs: tf.Tensor[];
    const layerInputs = args.length === 1 ? (args[0] as tf.Tensor) : args;
    if (replaced) {
      outputs = [replaced];
    } else {
      const training = (node.callArgs.training as boolean | undefined) ?? options.training ?? false;
      // A layer sees `mask` only when one of its inputs has one: one mask, or one per input.
      const mask = args.length === 1 ? firstMask : inputMasks;
      const callArgs =
        firstMask === null ? { ...node.callArgs, training } : { ...node.callArgs, training, mask };
      const result = node.layer.apply(layerInputs, callArgs) as LayerIO;
      outputs = Array.isArray(result) ? result : [result];
    }
    node.outputs.forEach((symbolic, i) => {
      values.set(symbolic.id, outputs[i] as tf.Tensor);
    });
    const outputMask = node.layer.computeMask(layerInputs, firstMask);
    const first = node.outputs[0];
    if (outputMask !== null && first !== undefined) masks.set(first.id, outputMask);
  }
  options.outputMasks?.push(...topology.outputs.map((symbolic) => masks.get(symbolic.id) ?? null));
  return topology.outputs.map((symbolic) => values.get(symbolic.id) as tf.Tensor);
}

/** The index of `node` among its layer's calls (Keras' `node_index`). */
export function indexOfNode(node: LayerNode): number {
  return nodeIndexOf(node);
}
