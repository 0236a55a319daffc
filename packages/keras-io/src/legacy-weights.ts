import type { Layer, LayerVariable } from '@dendrite/layers';
import type { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Dataset, Group } from 'h5wasm';
import { childDataset, childGroup, type RawArray, stringListAttribute } from './hdf5.js';
import { isModel, kerasOrder, type WeightPair } from './weight-plan.js';

/** Keras 2's order of a layer's weights: a nested model lists all trainable ones, then the rest. */
export function legacyOrder(layer: Layer): LayerVariable[] {
  if (!isModel(layer)) return kerasOrder(layer);
  const all = layer.layers.flatMap((inner) => legacyOrder(inner));
  return [...all.filter((w) => w.trainable), ...all.filter((w) => !w.trainable)];
}

/** `gru/gru_cell/kernel:0` → `gru/kernel`: the owning layer and the weight's own name. */
function nameKey(name: string): string {
  const parts = name.replace(/:\d+$/, '').split('/');
  return parts.length < 2 ? (parts[0] ?? '') : `${parts[0]}/${parts[parts.length - 1]}`;
}

function dataset(group: Group, path: string, origin: string): Dataset {
  let current: Group | undefined = group;
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) current = current && childGroup(current, part);
  const found = current && childDataset(current, parts[parts.length - 1] as string);
  if (!found) {
    throw new tf.ValueError(
      `loadModel: ${origin}: weight ${path} is listed in weight_names but ${group.path}/${path} is not a dataset`,
    );
  }
  return found;
}

/** Sums CuDNN's two biases (`[8·units]`: input then recurrent) into LSTM's one. */
function cudnnBias(raw: RawArray): RawArray {
  const half = raw.values.length / 2;
  const values = new Float32Array(half);
  for (let i = 0; i < half; i++) values[i] = (raw.values[i] ?? 0) + (raw.values[i + half] ?? 0);
  return { ...raw, shape: [half], values };
}

/**
 * Pairs a model's weights with a legacy Keras 2 HDF5 weights group (the file root of a
 * `save_weights` file, or `model_weights/` of a whole-model file). Layers are matched by name
 * when every weighted layer's name is in `layer_names`, else by order (as Keras 2's
 * `load_weights` does); inside a layer, weights by name when the names agree, else by order.
 */
export function legacyPairs(
  root: Group,
  model: LayersModel,
  origin: string,
  cudnnLayers: ReadonlySet<string> = new Set(),
): WeightPair[] {
  const names = stringListAttribute(root, 'layer_names');
  const stored = names
    .map((name) => ({ name, group: childGroup(root, name) }))
    .map(({ name, group }) => ({
      name,
      group,
      weightNames: group ? stringListAttribute(group, 'weight_names') : [],
    }))
    .filter((entry) => entry.weightNames.length > 0);
  const layers = model.layers.filter((layer) => layer.weights.length > 0);
  const byName = layers.every((layer) => stored.some((entry) => entry.name === layer.name));
  if (!byName && stored.length !== layers.length) {
    throw new tf.ValueError(
      `loadModel: ${origin} holds weights for ${stored.length} layers (${stored.map((s) => s.name).join(', ')}) but the model has ${layers.length} layers with weights (${layers.map((l) => l.name).join(', ')})`,
    );
  }
  const pairs: WeightPair[] = [];
  for (const [index, layer] of layers.entries()) {
    const entry = byName ? stored.find((s) => s.name === layer.name) : stored[index];
    if (!entry?.group) continue;
    const weights = legacyOrder(layer);
    if (weights.length !== entry.weightNames.length) {
      throw new tf.ValueError(
        `loadModel: ${origin}: layer "${layer.name}" has ${weights.length} weights but the file lists ${entry.weightNames.length} for "${entry.name}" (${entry.weightNames.join(', ')})`,
      );
    }
    const storedKeys = entry.weightNames.map(nameKey);
    const ownKeys = weights.map((w) => nameKey(w.originalName));
    const unique = (keys: string[]) => new Set(keys).size === keys.length;
    const matchByName =
      unique(storedKeys) && unique(ownKeys) && ownKeys.every((k) => storedKeys.includes(k));
    for (const [i, weight] of weights.entries()) {
      const j = matchByName ? storedKeys.indexOf(ownKeys[i] as string) : i;
      const path = entry.weightNames[j] as string;
      const cudnn = cudnnLayers.has(layer.name) && /bias(:\d+)?$/.test(path);
      pairs.push({
        weight,
        dataset: dataset(entry.group, path, origin),
        ...(cudnn ? { transform: cudnnBias } : {}),
      });
    }
  }
  return pairs;
}
