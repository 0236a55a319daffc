import type { Layer, LayerVariable } from '@dendrite/layers';
import type { LayersModel } from '@dendrite/models';
import type { Group } from 'h5wasm';
import { writeHdf5 } from './hdf5.js';
import { keras2ModelConfig, keras2TrainingConfig } from './keras2-config.js';
import { legacyOrder } from './legacy-weights.js';
import { legacySlotName } from './optimizer-state.js';
import { kerasSnakeCase } from './weight-plan.js';

/**
 * The tf.keras version written into legacy `.h5` files: 2.9.0, the version of the reference
 * files whose layout (optimizer names such as `Adam/iter:0`) this writer follows.
 */
export const KERAS2_LAYOUT_VERSION = '2.9.0';
const BACKEND = 'tensorflow';
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

/** Keras 2's name of a weight: `dense/kernel:0`, `gru/gru_cell/kernel:0` for a recurrent cell. */
function legacyWeightName(layer: Layer, weight: LayerVariable): string {
  const className = layer.getClassName();
  if (!RECURRENT.has(className)) return `${weight.originalName}:0`;
  const own = weight.originalName.split('/').pop() as string;
  return `${layer.name}/${kerasSnakeCase(className)}_cell/${own}:0`;
}

/** Writes a dataset at a `/`-separated path below `group`, making the groups on the way. */
function put(
  group: Group,
  path: string,
  data: Float32Array | BigInt64Array,
  shape: number[],
  dtype: string,
): void {
  const parts = path.split('/');
  let current = group;
  for (const part of parts.slice(0, -1)) {
    current = current.keys().includes(part)
      ? (current.get(part) as Group)
      : current.create_group(part);
  }
  current.create_dataset({ name: parts[parts.length - 1] as string, data, shape, dtype });
}

/** A list-of-names attribute as tf.keras 2 writes it: strings, or an empty float64 array. */
function namesAttribute(group: Group, name: string, names: string[]): void {
  if (names.length > 0) group.create_attribute(name, names);
  else group.create_attribute(name, new Float64Array(0), [0], '<d');
}

/** The layers Keras 2 lists in `layer_names`: a Sequential model's implicit input is not one. */
function savedLayers(model: LayersModel): Layer[] {
  const sequential = model.getClassName() === 'Sequential';
  return model.layers.filter((l) => !(sequential && l.getClassName() === 'InputLayer'));
}

function writeWeightGroups(root: Group, model: LayersModel): void {
  const layers = savedLayers(model);
  namesAttribute(
    root,
    'layer_names',
    layers.map((l) => l.name),
  );
  root.create_attribute('backend', BACKEND);
  root.create_attribute('keras_version', KERAS2_LAYOUT_VERSION);
  for (const layer of layers) {
    const group = root.create_group(layer.name);
    const weights = legacyOrder(layer);
    const names = weights.map((w) => legacyWeightName(layer, w));
    namesAttribute(group, 'weight_names', names);
    for (const [i, weight] of weights.entries()) {
      const values = weight.read().dataSync() as Float32Array;
      put(group, names[i] as string, values, [...weight.shape], '<f');
    }
  }
  namesAttribute(root.create_group('top_level_model_weights'), 'weight_names', []);
}

/**
 * Keras 2's `optimizer_weights`: `<Class>/iter:0`, then one pass per slot over the trainable
 * weights (`Adam/dense/kernel/m:0` ... `Adam/dense/kernel/v:0` ...), the order `set_weights`
 * expects. Skipped when Keras 2 has no name for one of the optimizer's slots.
 */
function writeOptimizerWeights(root: Group, model: LayersModel): void {
  const optimizer = model.optimizer;
  if (!optimizer) return;
  const className = optimizer.getClassName();
  const slots = (optimizer as unknown as { slotNames(): readonly string[] }).slotNames();
  const legacy = slots.map((slot) => legacySlotName(className, slot));
  if (legacy.some((name) => name === undefined)) return;
  const owners = new Map<LayerVariable, Layer>();
  for (const layer of model.layers) for (const w of legacyOrder(layer)) owners.set(w, layer);
  const state = optimizer.getWeights();
  try {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    const group = root.create_group('optimizer_weights');
    const names = [`${className}/iter:0`];
    const iteration = byName.get('iteration')?.dataSync()[0] ?? 0;
    put(group, names[0] as string, new BigInt64Array([BigInt(iteration)]), [], '<q');
    for (const [s, slot] of slots.entries()) {
      for (const weight of model.trainableWeights) {
        const owner = owners.get(weight);
        const base = owner ? legacyWeightName(owner, weight) : `${weight.originalName}:0`;
        const name = `${className}/${base.replace(/:\d+$/, '')}/${legacy[s]}:0`;
        const tensor = byName.get(`${weight.variable.name}/${slot}`);
        const data = tensor
          ? (tensor.dataSync() as Float32Array)
          : new Float32Array(weight.shape.reduce((a, b) => a * b, 1));
        put(group, name, data, [...weight.shape], '<f');
        names.push(name);
      }
    }
    namesAttribute(group, 'weight_names', names);
  } finally {
    for (const { tensor } of state) tensor.dispose();
  }
}

/**
 * The bytes of a legacy Keras 2 whole-model `.h5` file of `model`, laid out as tf.keras 2's
 * `model.save('m.h5')` writes it: root `model_config`, `training_config` (when compiled),
 * `model_weights/<layer>/<layer>/<weight>:0` and `optimizer_weights`.
 * @example await fs.writeFile('model.h5', await legacyModelBytes(model));
 */
export async function legacyModelBytes(model: LayersModel): Promise<Uint8Array> {
  const owner = `${model.name}.save`;
  const modelConfig = JSON.stringify(keras2ModelConfig(model, owner));
  const trainingConfig = keras2TrainingConfig(model);
  return writeHdf5((root) => {
    root.create_attribute('backend', BACKEND);
    root.create_attribute('keras_version', KERAS2_LAYOUT_VERSION);
    root.create_attribute('model_config', modelConfig);
    if (trainingConfig) root.create_attribute('training_config', JSON.stringify(trainingConfig));
    writeWeightGroups(root.create_group('model_weights'), model);
    if (model.isCompiled) writeOptimizerWeights(root, model);
  });
}

/**
 * The bytes of a legacy Keras 2 weights-only `.h5` file (tf.keras 2's `save_weights('w.h5')`):
 * root `layer_names`, one group per layer with its `weight_names`.
 * @example await fs.writeFile('weights.h5', await legacyWeightsBytes(model));
 */
export function legacyWeightsBytes(model: LayersModel): Promise<Uint8Array> {
  return writeHdf5((root) => writeWeightGroups(root, model));
}
