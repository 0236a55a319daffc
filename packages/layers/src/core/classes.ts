import type { LayerClass } from '../layer.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';

/** Core layer classes for the registry. */
export const coreLayerClasses: readonly LayerClass[] = [Dense, Dropout];
