import type { Layer, LayerVariable } from '@dendrite/layers';
import type { LayersModel } from '@dendrite/models';
import type { Group } from 'h5wasm';
import { writeHdf5 } from './hdf5.js';
import { kerasModelConfig } from './keras3-config.js';
import { kerasChildNames } from './keras3-weights.js';
import { isModel, kerasOrder } from './weight-plan.js';
import { writeZip } from './zip.js';

/** The Keras version whose file layout Dendrite writes. */
export const KERAS_LAYOUT_VERSION = '3.6.0';
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

function writeVars(group: Group, weights: readonly LayerVariable[]): void {
  const vars = group.create_group('vars');
  for (const [i, weight] of weights.entries()) {
    const values = weight.read().dataSync() as Float32Array;
    vars.create_dataset({ name: String(i), data: values, shape: weight.shape, dtype: '<f' });
  }
}

function writeLayer(group: Group, layer: Layer): void {
  if (isModel(layer)) {
    writeLayers(group.create_group('layers'), layer);
    group.create_group('vars');
    return;
  }
  const weights = kerasOrder(layer);
  if (RECURRENT.has(layer.getClassName())) {
    writeVars(group.create_group('cell'), weights);
    group.create_group('vars');
    return;
  }
  writeVars(group, weights);
}

function writeLayers(group: Group, model: LayersModel): void {
  for (const { layer, name } of kerasChildNames(model)) writeLayer(group.create_group(name), layer);
}

function writeOptimizer(root: Group, model: LayersModel): void {
  const group = root.create_group('optimizer');
  const vars = group.create_group('vars');
  const optimizer = model.optimizer;
  if (!optimizer) return;
  const state = optimizer.getWeights();
  try {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    const iteration = byName.get('iteration')?.dataSync()[0] ?? 0;
    vars.create_dataset({
      name: '0',
      data: new BigInt64Array([BigInt(iteration)]),
      shape: [],
      dtype: '<q',
    });
    const lr = Number((optimizer.getConfig() as { learningRate?: unknown }).learningRate ?? 0.001);
    vars.create_dataset({ name: '1', data: new Float32Array([lr]), shape: [], dtype: '<f' });
    const slots = (optimizer as unknown as { slotNames(): readonly string[] }).slotNames();
    const className = optimizer.getClassName();
    const passes =
      className === 'RMSprop' || className === 'Adagrad' || className === 'Adadelta'
        ? slots.map((s) => [s])
        : slots.includes('velocityHat')
          ? [slots.filter((s) => s !== 'velocityHat'), ['velocityHat']]
          : [[...slots]];
    let index = 2;
    for (const pass of passes) {
      for (const weight of model.trainableWeights) {
        for (const slot of pass) {
          const tensor = byName.get(`${weight.variable.name}/${slot}`);
          const data = tensor
            ? (tensor.dataSync() as Float32Array)
            : new Float32Array(weight.shape.reduce((a, b) => a * b, 1));
          vars.create_dataset({ name: String(index++), data, shape: weight.shape, dtype: '<f' });
        }
      }
    }
  } finally {
    for (const { tensor } of state) tensor.dispose();
  }
}

/** The bytes of a Keras 3 weights file (`model.weights.h5` / `.weights.h5`) of `model`. */
export function kerasWeightsBytes(model: LayersModel, withOptimizer: boolean): Promise<Uint8Array> {
  return writeHdf5((root) => {
    writeLayers(root.create_group('layers'), model);
    if (withOptimizer && model.isCompiled) writeOptimizer(root, model);
    root.create_group('vars');
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The bytes of a Keras 3 `.keras` file of `model`: `config.json` (with `compile_config` when
 * compiled), `metadata.json` and `model.weights.h5` with the optimizer variables, laid out as
 * Keras 3 writes them so `keras.models.load_model` reads it.
 * @example await fs.writeFile('model.keras', await kerasFileBytes(model));
 */
export async function kerasFileBytes(model: LayersModel): Promise<Uint8Array> {
  const now = new Date();
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}@${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  const encoder = new TextEncoder();
  return writeZip({
    'metadata.json': encoder.encode(
      JSON.stringify({ keras_version: KERAS_LAYOUT_VERSION, date_saved: date }),
    ),
    'config.json': encoder.encode(JSON.stringify(kerasModelConfig(model))),
    'model.weights.h5': await kerasWeightsBytes(model, true),
  });
}
