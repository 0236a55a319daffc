import {
  deserializeLayer,
  type Layer,
  type LayerNode,
  type SymbolicTensor,
} from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';

type Json = tf.ConfigValue;
type NodeRef = readonly [string, number, number, ...Json[]];

function jsonArgs(node: LayerNode): tf.ConfigDict {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node.callArgs)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value as Json;
    }
  }
  return out;
}

/**
 * The camelCase TF.js config of a model. Functional: `{name, layers: [{name, className, config,
 * inboundNodes}], inputLayers, outputLayers}` with node indices renumbered over the calls inside
 * this model. Sequential: `{name, layers: [{className, config}]}`, the first layer carrying
 * `batchInputShape`.
 */
export function modelConfig(model: LayersModel): tf.ConfigDict {
  const topology = model.getTopology();
  if (model.getClassName() === 'Sequential') {
    const layers = model.layers.map((layer, i) => {
      const config: Record<string, Json> = { ...layer.getConfig() };
      if (i === 0 && config.batchInputShape === undefined) {
        config.batchInputShape = [...(topology.inputs[0] as SymbolicTensor).shape];
      }
      return { className: layer.getClassName(), config };
    });
    return { name: model.name, layers };
  }
  const inModel = new Set(topology.nodes);
  const renumbered = new Map<LayerNode, number>();
  for (const layer of topology.layers) {
    let index = 0;
    for (const node of layer.inboundNodes) if (inModel.has(node)) renumbered.set(node, index++);
  }
  const ref = (t: SymbolicTensor): [string, number, number] => [
    t.sourceLayer.name,
    renumbered.get(t.node) ?? 0,
    t.tensorIndex,
  ];
  const layers = topology.layers.map((layer) => {
    const inboundNodes = layer.inboundNodes
      .filter((node) => inModel.has(node) && node.inputs.length > 0)
      .map((node) => node.inputs.map((t) => [...ref(t), jsonArgs(node)]));
    return {
      name: layer.name,
      className: layer.getClassName(),
      config: layer.getConfig(),
      inboundNodes,
    };
  });
  return {
    name: model.name,
    layers,
    inputLayers: topology.inputs.map(ref),
    outputLayers: topology.outputs.map(ref),
  };
}

/** Resolves a layer class name; models are handled here, other classes by the layer registry. */
export type ModelFactory = (className: string, config: tf.ConfigDict) => Layer;

function asArray(owner: string, value: unknown, what: string): Json[] {
  if (!Array.isArray(value)) {
    throw new tf.ValueError(
      `${owner}: malformed model topology: \`${what}\` must be a list; received ${tf.describeValue(value)}`,
    );
  }
  return value as Json[];
}

/** Re-creates the layers and graph of a functional model config. */
export function functionalFromConfig(
  config: tf.ConfigDict,
  create: ModelFactory,
): { name: string | undefined; inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
  const owner = 'loadModel';
  const created = new Map<string, Layer>();
  const pending: [Layer, NodeRef[]][] = [];
  for (const entry of asArray(owner, config.layers, 'layers')) {
    const item = entry as {
      className?: unknown;
      config?: unknown;
      inboundNodes?: unknown;
      name?: unknown;
    };
    if (
      typeof item.className !== 'string' ||
      typeof item.config !== 'object' ||
      item.config === null
    ) {
      throw new tf.ValueError(
        `${owner}: malformed model topology: each layer needs className and config; received ${tf.describeValue(entry)}`,
      );
    }
    const layer = create(item.className, item.config as tf.ConfigDict);
    created.set(typeof item.name === 'string' ? item.name : layer.name, layer);
    for (const nodeData of asArray(owner, item.inboundNodes ?? [], 'inboundNodes')) {
      pending.push([layer, asArray(owner, nodeData, 'inboundNodes entry') as unknown as NodeRef[]]);
    }
  }
  const tensorOf = (refData: NodeRef): SymbolicTensor | undefined => {
    const [name, nodeIndex, tensorIndex] = refData;
    const layer = created.get(name);
    if (!layer)
      throw new tf.ValueError(
        `${owner}: malformed model topology: unknown layer ${tf.describeValue(name)}`,
      );
    return layer.inboundNodes[nodeIndex]?.outputs[tensorIndex];
  };
  // Keras' order: a call waits until the calls producing its inputs have run.
  let queue = pending;
  while (queue.length > 0) {
    const next: typeof queue = [];
    let progressed = false;
    for (const [layer, refs] of queue) {
      if (next.some(([waiting]) => waiting === layer)) {
        next.push([layer, refs]);
        continue;
      }
      const inputs = refs.map(tensorOf);
      if (inputs.some((t) => t === undefined)) {
        next.push([layer, refs]);
        continue;
      }
      const kwargs = (refs[0]?.[3] ?? {}) as tf.ConfigDict;
      const list = inputs as SymbolicTensor[];
      layer.apply(list.length === 1 ? (list[0] as SymbolicTensor) : list, kwargs);
      progressed = true;
    }
    if (!progressed) {
      throw new tf.ValueError(
        `${owner}: malformed model topology: the layer calls of ${next.map(([l]) => l.name).join(', ')} cannot be connected`,
      );
    }
    queue = next;
  }
  const resolve = (what: string) =>
    asArray(owner, config[what], what).map((refData) => {
      const tensor = tensorOf(refData as unknown as NodeRef);
      if (!tensor)
        throw new tf.ValueError(
          `${owner}: malformed model topology: bad ${what} entry ${tf.describeValue(refData)}`,
        );
      return tensor;
    });
  return {
    name: typeof config.name === 'string' ? config.name : undefined,
    inputs: resolve('inputLayers'),
    outputs: resolve('outputLayers'),
  };
}

/** Default factory: the layer registry (registered class names only; nothing from the file runs). */
export function registryFactory(className: string, config: tf.ConfigDict): Layer {
  return deserializeLayer({ className, config });
}
