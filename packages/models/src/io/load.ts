import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import { deserializeModel } from './deserialize.js';
import { httpLoadHandler } from './http-load.js';
import { convertPythonicToTs, toCamelCase } from './pythonic.js';
import { loadFromBytes, type ModelBytes, wholeFileBytes } from './route.js';

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, int16: 2 };

function specBytes(spec: tf.io.WeightsManifestEntry): number {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const per = BYTES[dtype] ?? 4;
  return size * per;
}

function weightBuffer(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : (data as ArrayBuffer);
}

function checkArtifacts(artifacts: tf.io.ModelArtifacts | undefined): tf.ConfigDict {
  if (!artifacts || typeof artifacts !== 'object') {
    throw new tf.ValueError(
      `loadModel: the handler returned no model artifacts; received ${tf.describeValue(artifacts)}`,
    );
  }
  if (artifacts.format !== undefined && artifacts.format !== 'layers-model') {
    throw new tf.ValueError(
      `loadModel: expected a TF.js Layers model (format "layers-model"); received format ${tf.describeValue(artifacts.format)}`,
    );
  }
  const topology = artifacts.modelTopology as tf.ConfigDict | undefined;
  if (!topology || typeof topology !== 'object' || topology instanceof ArrayBuffer) {
    throw new tf.ValueError('loadModel: the model has no JSON `modelTopology`');
  }
  const inner = (topology.model_config ?? topology) as tf.ConfigDict;
  if (
    typeof inner.class_name !== 'string' ||
    typeof inner.config !== 'object' ||
    inner.config === null
  ) {
    throw new tf.ValueError(
      `loadModel: malformed model topology: expected {class_name, config}; received keys [${Object.keys(inner).join(', ')}]`,
    );
  }
  return inner;
}

/** Decodes the weights, checking the data is as long as the manifest says. */
function decode(artifacts: tf.io.ModelArtifacts): Record<string, tf.Tensor> {
  const specs = artifacts.weightSpecs ?? [];
  if (!artifacts.weightData) {
    if (specs.length > 0)
      throw new tf.ValueError(
        'loadModel: the weights manifest lists weights but no weight data was found',
      );
    return {};
  }
  const buffer = weightBuffer(artifacts.weightData);
  const needed = specs.reduce((sum, s) => sum + specBytes(s), 0);
  if (buffer.byteLength !== needed) {
    throw new tf.ValueError(
      `loadModel: the weight data has ${buffer.byteLength} bytes but the weights manifest needs ${needed}; the weights file is truncated or does not belong to this model`,
    );
  }
  return tf.io.decodeWeights(buffer, specs);
}

function compileFrom(model: LayersModel, config: tf.io.TrainingConfig): void {
  const optimizerConfig = config.optimizer_config as unknown as {
    class_name: string;
    config: tf.ConfigDict;
  };
  const optimizer = {
    className: optimizerConfig.class_name,
    config: convertPythonicToTs(optimizerConfig.config) as tf.ConfigDict,
  };
  const loss = config.loss as string | string[] | Record<string, string>;
  const metrics = (config.metrics ?? []) as string[] | Record<string, string>;
  model.compile({
    optimizer,
    loss:
      typeof loss === 'string'
        ? toCamelCase(loss)
        : Array.isArray(loss)
          ? loss.map(toCamelCase)
          : loss,
    metrics: Array.isArray(metrics) ? metrics : Object.values(metrics),
  });
}

/**
 * Loads a model saved in the TF.js Layers format (by `model.save` or tfjs-layers) from a URL
 * (`http(s)://`, `indexeddb://`, `localstorage://`, or `file://` with `@dendrite/models/node`)
 * or a `tf.io` handler; or a whole-file format registered with `registerModelFormat` (Keras
 * `.keras`/`.h5`, told apart by their first bytes) from a plain path or `file://` URL on Node,
 * an http(s) URL, a `File`/`Blob` or bytes. A folder or `model.json` path is the TF.js format. Only registered layer classes are created; weights must match the
 * model's weights by name and shape. A saved training config compiles the model and restores
 * the optimizer state.
 * @example const m = await loadModel(tf.io.fromMemory(artifacts));
 */
export async function loadModel(
  source: string | tf.io.IOHandler | ModelBytes,
): Promise<LayersModel> {
  const whole = await wholeFileBytes('loadModel', source);
  if (whole && 'bytes' in whole) return loadFromBytes('loadModel', whole.bytes, whole.origin);
  let handler: tf.io.IOHandler;
  if (whole) {
    handler = whole.handler;
  } else if (typeof source === 'string' && /^https?:\/\//i.test(source)) {
    handler = httpLoadHandler(source);
  } else if (typeof source === 'string') {
    const handlers = tf.io.getLoadHandlers(source);
    if (handlers.length === 0) {
      const hint = source.startsWith('file://')
        ? '; on Node, pass fileSystem(path) from "@dendrite/models/node" or call registerFileSystem() first'
        : '';
      throw new tf.ConfigError(`loadModel: no load handler for ${tf.describeValue(source)}${hint}`);
    }
    handler = handlers[0] as tf.io.IOHandler;
  } else {
    handler = source as tf.io.IOHandler;
  }
  if (typeof handler?.load !== 'function') {
    throw new tf.ConfigError(
      tf.configMessage('loadModel', 'source', 'a URL or an IO handler with load()', source),
    );
  }
  const artifacts = await handler.load();
  const topology = checkArtifacts(artifacts);
  const serialized = convertPythonicToTs(topology) as unknown as tf.SerializedObject;
  const model = deserializeModel(serialized);
  let weights: Record<string, tf.Tensor> = {};
  try {
    if (artifacts.trainingConfig) compileFrom(model, artifacts.trainingConfig);
    weights = decode(artifacts);
    const optimizerNames = new Set(
      (artifacts.weightSpecs ?? []).filter((s) => s.group === 'optimizer').map((s) => s.name),
    );
    const modelWeights = model.weights;
    const expected = new Set(modelWeights.map((w) => w.originalName));
    const extra = Object.keys(weights).filter((n) => !optimizerNames.has(n) && !expected.has(n));
    const missing = [...expected].filter((n) => !(n in weights));
    if (extra.length > 0 || missing.length > 0) {
      throw new tf.ValueError(
        `loadModel: the saved weights do not match the model: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`,
      );
    }
    for (const weight of modelWeights) weight.write(weights[weight.originalName] as tf.Tensor);
    const optimizer = model.optimizer;
    if (optimizer && optimizerNames.size > 0) {
      const rename = new Map(modelWeights.map((w) => [w.originalName, w.variable.name]));
      optimizer.setWeights(
        [...optimizerNames].map((name) => {
          const cut = name.lastIndexOf('/');
          const variable = rename.get(name.slice(0, cut));
          return {
            name: variable ? `${variable}${name.slice(cut)}` : name,
            tensor: weights[name] as tf.Tensor,
          };
        }),
      );
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    tf.dispose(Object.values(weights));
  }
  return model;
}
