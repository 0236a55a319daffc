import { type ModelFormat, registerModelFormat } from '@dendrite/models';
import { isHdf5 } from './hdf5-signature.js';
import { legacyModelBytes, legacyWeightsBytes } from './legacy-save.js';
import { loadKerasModel, loadKerasWeights } from './load.js';
import { kerasFileBytes, kerasWeightsBytes } from './save.js';
import { isZip } from './zip.js';

const WEIGHTS_FILE = /\.weights\.h5$/i;

/**
 * Keras' own files as a model format: reads `.keras` (zip) and `.h5`/`.hdf5` (HDF5) by their
 * first bytes; writes `.keras` and `.weights.h5` (Keras 3), and legacy Keras 2 `.h5`/`.hdf5` for
 * any other HDF5 name.
 */
export const kerasFormat: ModelFormat = {
  name: 'Keras',
  sniff: (bytes) => isZip(bytes) || isHdf5(bytes),
  claims: (destination) => /\.(keras|h5|hdf5)$/i.test(destination),
  load: loadKerasModel,
  async save(model, destination) {
    if (/\.keras$/i.test(destination)) return kerasFileBytes(model);
    if (WEIGHTS_FILE.test(destination)) return kerasWeightsBytes(model, false);
    return legacyModelBytes(model);
  },
  loadWeights: loadKerasWeights,
  saveWeights: (model, destination) =>
    WEIGHTS_FILE.test(destination) ? kerasWeightsBytes(model, false) : legacyWeightsBytes(model),
};

/**
 * Lets `loadModel`, `model.save`, `model.loadWeights` and `model.saveWeights` read and write
 * Keras files. Call once; safe to call again.
 * @example registerKerasFormat(); const model = await loadModel('best-model.keras');
 */
export function registerKerasFormat(): void {
  registerModelFormat(kerasFormat);
}
