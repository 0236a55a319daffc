import * as tf from '@dendrite/tensor';
import { activationLayerClasses } from './activation-layers/classes.js';
import { attentionLayerClasses } from './attention/classes.js';
import { convolutionalLayerClasses } from './convolutional/classes.js';
import { coreLayerClasses } from './core/classes.js';
import { embeddingLayerClasses } from './embedding/classes.js';
import { InputLayer } from './input-layer.js';
import type { Layer, LayerClass } from './layer.js';
import { mergeLayerClasses } from './merge/classes.js';
import { noiseLayerClasses } from './noise/classes.js';
import { normalizationLayerClasses } from './normalization/classes.js';
import { poolingLayerClasses } from './pooling/classes.js';
import { preprocessingLayerClasses } from './preprocessing/classes.js';
import { recurrentLayerClasses } from './recurrent/classes.js';
import { reshapingLayerClasses } from './reshaping/classes.js';

const builtins: LayerClass[] = [
  InputLayer,
  ...coreLayerClasses,
  ...convolutionalLayerClasses,
  ...poolingLayerClasses,
  ...normalizationLayerClasses,
  ...embeddingLayerClasses,
  ...recurrentLayerClasses,
  ...mergeLayerClasses,
  ...activationLayerClasses,
  ...attentionLayerClasses,
  ...noiseLayerClasses,
  ...reshapingLayerClasses,
  ...preprocessingLayerClasses,
];

/** Every layer class by its TF.js class name; user classes are added with {@link registerLayer}. */
export const layerRegistry = new tf.Registry<Layer>(
  'layer class',
  Object.fromEntries(
    builtins.map((cls) => [cls.className, (config: tf.ConfigDict) => cls.fromConfig(config)]),
  ),
  (value): value is Layer =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Layer).apply === 'function' &&
    typeof (value as Layer).getConfig === 'function',
);

/**
 * Makes a user layer class loadable from saved models, under `key` (Keras' `package>Name`) and
 * under its bare class name, which is what the TF.js format stores.
 */
export function registerLayer(cls: LayerClass, key: string = cls.className): void {
  layerRegistry.register(key, (config) => cls.fromConfig(config));
  if (key !== cls.className)
    layerRegistry.register(cls.className, (config) => cls.fromConfig(config));
}

/** Re-creates a layer from `{className, config}`. */
export function deserializeLayer(serialized: tf.SerializedObject): Layer {
  return layerRegistry.get(serialized);
}
