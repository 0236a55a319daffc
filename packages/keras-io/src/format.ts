import { type ModelFormat, registerModelFormat } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import { isHdf5 } from './hdf5.js';
import { loadKerasModel, loadKerasWeights } from './load.js';
import { kerasFileBytes, kerasWeightsBytes } from './save.js';
import { isZip } from './zip.js';

/**
 * Keras' own files as a model format: reads `.keras` (zip) and `.h5`/`.hdf5` (HDF5) by their
 * first bytes, writes `.keras` and `.weights.h5`.
 */
export const kerasFormat: ModelFormat = {
  name: 'Keras',
  sniff: (bytes) => isZip(bytes) || isHdf5(bytes),
  claims: (destination) => /\.(keras|h5|hdf5)$/i.test(destination),
  load: loadKerasModel,
  async save(model, destination) {
    if (/\.keras$/i.test(destination)) return kerasFileBytes(model);
    if (/\.weights\.h5$/i.test(destination)) return kerasWeightsBytes(model, false);
    throw new tf.ConfigError(
      `${model.name}.save: Dendrite writes Keras 3 files: use a ".keras" path for the whole model (or ".weights.h5" with saveWeights); received ${tf.describeValue(destination)}. Legacy .h5 files are read, not written`,
    );
  },
  loadWeights: loadKerasWeights,
  saveWeights: (model) => kerasWeightsBytes(model, false),
};

/**
 * Lets `loadModel`, `model.save`, `model.loadWeights` and `model.saveWeights` read and write
 * Keras files. Call once; safe to call again.
 * @example registerKerasFormat(); const model = await loadModel('best-model.keras');
 */
export function registerKerasFormat(): void {
  registerModelFormat(kerasFormat);
}
