import type { ModelFormat } from '@dendrite/models';

let loading: Promise<ModelFormat> | undefined;

/** `@dendrite/keras-io`, imported on first use so that HDF5 and zip code load only for Keras files. */
function keras(): Promise<ModelFormat> {
  loading ??= import('@dendrite/keras-io').then((module) => module.kerasFormat);
  return loading;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Keras files (`.keras`, `.h5`) as a model format whose reader is imported lazily: `loadModel`,
 * `model.save`, `model.loadWeights` and `model.saveWeights` read and write them once registered.
 */
export const lazyKerasFormat: ModelFormat = {
  name: 'Keras',
  sniff: (bytes) => startsWith(bytes, ZIP) || startsWith(bytes, HDF5),
  claims: (destination) => /\.(keras|h5|hdf5)$/i.test(destination),
  load: async (bytes, origin) => (await keras()).load(bytes, origin),
  save: async (model, destination) => (await keras()).save(model, destination),
  loadWeights: async (model, bytes, origin) => (await keras()).loadWeights(model, bytes, origin),
  saveWeights: async (model, destination) => (await keras()).saveWeights(model, destination),
};
