import type { Layer } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { LayersModel } from '../layers-model.js';
import { Sequential } from '../sequential.js';
import { functionalFromConfig, registryFactory } from './topology-config.js';

const FUNCTIONAL = new Set(['Model', 'Functional', 'LayersModel']);

function createLayer(className: string, config: tf.ConfigDict): Layer {
  if (className === 'Sequential' || FUNCTIONAL.has(className)) {
    return deserializeModel({ className, config });
  }
  return registryFactory(className, config);
}

/**
 * Re-creates a model from its camelCase `{className, config}` (a `Sequential`, or a functional
 * `Model`). Layer classes are looked up by name in the layer registry; nothing in the config is
 * executed.
 * @example const copy = deserializeModel({ className: m.getClassName(), config: m.getConfig() });
 */
export function deserializeModel(serialized: tf.SerializedObject): LayersModel {
  const { className, config } = serialized;
  if (className === 'Sequential') {
    const legacy = Array.isArray(config);
    const layers = (legacy ? config : config.layers) as unknown;
    if (!Array.isArray(layers)) {
      throw new tf.ValueError(
        `loadModel: malformed Sequential topology: \`layers\` must be a list; received ${tf.describeValue(layers)}`,
      );
    }
    const name = !legacy && typeof config.name === 'string' ? config.name : undefined;
    const model = new Sequential({ name });
    let layer: Layer | undefined;
    try {
      for (const entry of layers as tf.SerializedObject[]) {
        if (typeof entry?.className !== 'string' || typeof entry.config !== 'object') {
          throw new tf.ValueError(
            `loadModel: malformed Sequential topology: each layer needs className and config; received ${tf.describeValue(entry)}`,
          );
        }
        layer = createLayer(entry.className, entry.config);
        model.add(layer);
      }
    } catch (error) {
      // Layers built before the error hold weights: free them (and one `add` refused).
      layer?.dispose();
      model.dispose();
      throw error;
    }
    return model;
  }
  if (FUNCTIONAL.has(className)) {
    const created: Layer[] = [];
    try {
      const { name, inputs, outputs } = functionalFromConfig(config, (className, layerConfig) => {
        const layer = createLayer(className, layerConfig);
        created.push(layer);
        return layer;
      });
      return new LayersModel({ name, inputs, outputs });
    } catch (error) {
      // Layers built before the error hold weights: free them.
      for (const layer of created) layer.dispose();
      throw error;
    }
  }
  throw new tf.UnknownNameError(
    `loadModel: unknown model class ${tf.describeValue(className)}; expected "Sequential" or "Model"`,
  );
}
