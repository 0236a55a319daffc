import type { Layer, LayerVariable } from '@dendrite/layers';
import { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Dataset } from 'h5wasm';
import { type RawArray, readDataset } from './hdf5.js';

/** One model weight and the dataset that fills it, paired before any value is read. */
export interface WeightPair {
  readonly weight: LayerVariable;
  readonly dataset: Dataset;
  /** Turns the stored array into the weight's layout (CuDNN biases); identity when absent. */
  readonly transform?: (raw: RawArray) => RawArray;
}

/** A layer's weights in Keras' saving order: those created trainable, then the others. */
export function kerasOrder(layer: Layer): LayerVariable[] {
  const weights = layer.weights;
  return [...weights.filter((w) => w.baseTrainable), ...weights.filter((w) => !w.baseTrainable)];
}

/** Whether `layer` is a nested model (Sequential or Functional). */
export function isModel(layer: Layer): layer is LayersModel {
  return layer instanceof LayersModel;
}

/** Keras' snake_case of a class name (`MaxPooling2D` → `max_pooling2d`). */
export function kerasSnakeCase(name: string): string {
  const cleaned = name.replace(/\W+/g, '');
  return cleaned
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Keras 3's class name of a layer or model (`Functional` for a graph model). */
export function kerasClassName(layer: Layer): string {
  const name = layer.getClassName();
  if (isModel(layer) && name !== 'Sequential') return 'Functional';
  return name;
}

/** Checks every pair's shape against its weight before anything is read or allocated. */
export function checkShapes(pairs: readonly WeightPair[], origin: string): void {
  for (const { weight, dataset, transform } of pairs) {
    const stored = dataset.shape ?? [];
    const expected = weight.shape;
    const fits = transform
      ? stored.reduce((a, b) => a * b, 1) === 2 * expected.reduce((a, b) => a * b, 1)
      : stored.length === expected.length && stored.every((d, i) => d === expected[i]);
    if (!fits) {
      throw new tf.ShapeError(
        `loadModel: ${origin}: dataset ${dataset.path} has shape [${stored.join(', ')}] but weight ${weight.originalName} of the model config has shape [${expected.join(', ')}]`,
      );
    }
  }
}

/** Reads every paired dataset and writes it into its weight; no tensor outlives the call. */
export function applyPairs(pairs: readonly WeightPair[], origin: string): void {
  checkShapes(pairs, origin);
  const arrays = pairs.map(({ dataset, transform }) => {
    const raw = readDataset(dataset, origin);
    return transform ? transform(raw) : raw;
  });
  for (const [i, { weight }] of pairs.entries()) {
    const raw = arrays[i] as RawArray;
    const tensor = tf.tensor(
      raw.values,
      weight.shape,
      weight.dtype === 'int32' ? 'int32' : 'float32',
    );
    try {
      weight.write(tensor);
    } finally {
      tensor.dispose();
    }
  }
}

/** Bytes the model's weights take as float32: the base of every size cap. */
export function weightBytes(model: LayersModel): number {
  return model.weights.reduce((sum, w) => sum + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
}
