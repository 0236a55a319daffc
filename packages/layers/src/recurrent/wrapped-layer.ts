import * as tf from '@dendrite/tensor';
import { Layer } from '../layer.js';
// The registry imports the recurrent classes, which import this file: nothing here may read
// the registry while modules load, only when a function is called.
import { deserializeLayer } from '../registry.js';

/** A layer instance from a wrapper's `layer` argument; the registry is read only when called. */
export function resolveWrappedLayer(owner: string, layer: unknown): Layer {
  if (layer instanceof Layer) return layer;
  if (tf.isSerializedObject(layer)) return deserializeLayer(layer);
  throw new tf.ConfigError(
    tf.configMessage(owner, 'layer', 'a layer or a {className, config} object', layer),
  );
}

/** `{className, config}` of a layer, as a config value. */
export function layerConfigValue(layer: Layer): tf.ConfigValue {
  return { className: layer.getClassName(), config: layer.getConfig() };
}
