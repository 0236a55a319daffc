import type { Layer } from '@dendrite/layers';
import type { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Dataset, Group } from 'h5wasm';
import { childDataset, childGroup } from './hdf5.js';
import {
  isModel,
  kerasClassName,
  kerasOrder,
  kerasSnakeCase,
  type WeightPair,
} from './weight-plan.js';

/** The container group name of tf.keras 2.13–2.15 `.keras` weights files. */
const LEGACY_LAYERS = '_layer_checkpoint_dependencies';

/** Sub-objects Keras 3 saves inside a layer, in the order the layer creates their weights. */
const CHILD_ORDER = [
  'cell',
  'forward_layer',
  'backward_layer',
  'layer',
  'query_dense',
  'key_dense',
  'value_dense',
  'output_dense',
];

/** The children of a container as Keras 3 names them: snake_case class, `_1`, `_2`... on repeats. */
export function kerasChildNames(model: LayersModel): { layer: Layer; name: string }[] {
  const used = new Map<string, number>();
  const sequential = model.getClassName() === 'Sequential';
  return model.layers
    .filter((layer) => !(sequential && layer.getClassName() === 'InputLayer'))
    .map((layer) => {
      const base = kerasSnakeCase(kerasClassName(layer));
      const count = used.get(base);
      used.set(base, count === undefined ? 0 : count + 1);
      return { layer, name: count === undefined ? base : `${base}_${count + 1}` };
    });
}

function varsOf(group: Group): Dataset[] {
  const vars = childGroup(group, 'vars');
  if (!vars) return [];
  const keys = vars.keys().filter((k) => /^\d+$/.test(k));
  keys.sort((a, b) => Number(a) - Number(b));
  return keys.map((k) => childDataset(vars, k)).filter((d): d is Dataset => d !== undefined);
}

/** Every dataset of a layer group: its own `vars`, then its sub-objects' in creation order. */
function datasetsOf(group: Group): Dataset[] {
  const children = group.keys().filter((k) => k !== 'vars' && childGroup(group, k));
  children.sort((a, b) => {
    const ia = CHILD_ORDER.indexOf(a);
    const ib = CHILD_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  return [...varsOf(group), ...children.flatMap((k) => datasetsOf(childGroup(group, k) as Group))];
}

/**
 * Pairs a model's weights with a Keras 3 weights file (`model.weights.h5`, `.weights.h5`):
 * `layers/<snake_case class>[_N]/vars/<i>` in model order, nested models under their own
 * `layers/`, recurrent cells under `cell/vars`.
 */
export function keras3Pairs(root: Group, model: LayersModel, origin: string): WeightPair[] {
  const pairs: WeightPair[] = [];
  const visit = (container: LayersModel, layersGroup: Group | undefined, where: string) => {
    for (const { layer, name } of kerasChildNames(container)) {
      // tf.keras 2.13–2.15 `.keras` files name the groups by the layer's own name instead.
      const group = layersGroup
        ? (childGroup(layersGroup, name) ?? childGroup(layersGroup, layer.name))
        : undefined;
      if (isModel(layer)) {
        const inner = group
          ? (childGroup(group, 'layers') ?? childGroup(group, LEGACY_LAYERS))
          : undefined;
        visit(layer, inner, `${where}/${name}/layers`);
        continue;
      }
      const weights = kerasOrder(layer);
      const datasets = group ? datasetsOf(group) : [];
      if (weights.length === 0 && datasets.length === 0) continue;
      if (!group || datasets.length !== weights.length) {
        throw new tf.ValueError(
          `loadModel: ${origin}: layer "${layer.name}" (${layer.getClassName()}) has ${weights.length} weights but ${group ? `${where}/${name} holds ${datasets.length}` : `the file has no group ${where}/${name}`}`,
        );
      }
      for (const [i, weight] of weights.entries()) {
        pairs.push({ weight, dataset: datasets[i] as Dataset });
      }
    }
  };
  visit(model, childGroup(root, 'layers') ?? childGroup(root, LEGACY_LAYERS), 'layers');
  return pairs;
}
