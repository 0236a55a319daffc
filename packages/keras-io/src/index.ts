export { kerasFormat, registerKerasFormat } from './format.js';
export { isHdf5 } from './hdf5-signature.js';
export { type NormalizedConfig, normalizeKerasConfig } from './keras-config.js';
export { kerasModelConfig } from './keras3-config.js';
export { KERAS2_LAYOUT_VERSION, legacyModelBytes, legacyWeightsBytes } from './legacy-save.js';
export { loadKerasModel, loadKerasWeights } from './load.js';
export { KERAS_LAYOUT_VERSION, kerasFileBytes, kerasWeightsBytes } from './save.js';
export { isZip } from './zip.js';
