import { withWeightCheck } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import { deserializeModel } from './deserialize.js';
import { httpLoadHandler } from './http-load.js';
import { convertPythonicToTs, toCamelCase } from './pythonic.js';
import { loadFromBytes, type ModelBytes, wholeFileBytes } from './route.js';
import { checkJsonDepth, weightSpecsBytes } from './weights-manifest.js';

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
  checkJsonDepth('loadModel', '`modelTopology`', topology);
  checkJsonDepth('loadModel', '`trainingConfig`', artifacts.trainingConfig);
  if (artifacts.weightSpecs !== undefined && !Array.isArray(artifacts.weightSpecs)) {
    throw new tf.ValueError(
      `loadModel: \`weightSpecs\` must be a list; received ${tf.describeValue(artifacts.weightSpecs)}`,
    );
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

/**
 * Checks, before anything is allocated, that the weight data is exactly as long as the specs
 * say and that every optimizer slot belongs to a listed model weight and has its shape.
 * Returns the buffer and the model weights' specs by name.
 */
function checkWeightData(artifacts: tf.io.ModelArtifacts): {
  buffer: ArrayBuffer | undefined;
  modelSpecs: Map<string, tf.io.WeightsManifestEntry>;
} {
  const specs = artifacts.weightSpecs ?? [];
  const needed = weightSpecsBytes('loadModel', specs);
  const buffer = artifacts.weightData ? weightBuffer(artifacts.weightData) : undefined;
  const held = buffer?.byteLength ?? 0;
  if (held !== needed) {
    throw new tf.ValueError(
      `loadModel: the weight data has ${held} bytes but the weights manifest needs ${needed}; the weights file is truncated or does not belong to this model`,
    );
  }
  const modelSpecs = new Map(specs.filter((s) => s.group !== 'optimizer').map((s) => [s.name, s]));
  for (const slot of specs.filter((s) => s.group === 'optimizer')) {
    if (slot.name === 'iteration') {
      if (slot.shape.reduce((a, b) => a * b, 1) !== 1) {
        throw new tf.ShapeError(
          `loadModel: optimizer weight "iteration" must be a scalar; received shape [${slot.shape}]`,
        );
      }
      continue;
    }
    const cut = slot.name.lastIndexOf('/');
    const owner = cut > 0 ? modelSpecs.get(slot.name.slice(0, cut)) : undefined;
    if (!owner) {
      throw new tf.ValueError(
        `loadModel: optimizer weight ${tf.describeValue(slot.name)} names no model weight; expected "iteration" or "<model weight>/<slot>"`,
      );
    }
    if (!tf.util.arraysEqual(owner.shape, slot.shape)) {
      throw new tf.ShapeError(
        `loadModel: optimizer weight "${slot.name}" has shape [${slot.shape}] but the weight "${owner.name}" has shape [${owner.shape}]`,
      );
    }
  }
  return { buffer, modelSpecs };
}

/** Builds the model, refusing each weight whose shape the saved weights do not have before it is allocated. */
function buildChecked(
  topology: tf.ConfigDict,
  modelSpecs: Map<string, tf.io.WeightsManifestEntry>,
): LayersModel {
  const serialized = convertPythonicToTs(topology) as unknown as tf.SerializedObject;
  return withWeightCheck(
    (name, shape) => {
      const spec = modelSpecs.get(name);
      if (!spec) {
        throw new tf.ValueError(
          `loadModel: the saved weights do not match the model: the config creates "${name}" of shape [${shape}], which the weights manifest does not list`,
        );
      }
      if (!tf.util.arraysEqual(spec.shape, [...shape])) {
        throw new tf.ShapeError(
          `loadModel: the saved weights do not match the model: the config gives "${name}" shape [${shape}] but the weights manifest has [${spec.shape}]`,
        );
      }
    },
    () => deserializeModel(serialized),
  );
}

function compileFrom(model: LayersModel, config: tf.io.TrainingConfig): void {
  const optimizerConfig = config.optimizer_config as unknown as {
    class_name: string;
    config: tf.ConfigDict;
  } | null;
  const isObject = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const lossOk = (value: unknown) =>
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string')) ||
    (isObject(value) && Object.values(value as object).every((v) => typeof v === 'string'));
  if (
    !isObject(optimizerConfig) ||
    typeof optimizerConfig?.class_name !== 'string' ||
    !isObject(optimizerConfig.config) ||
    !lossOk(config.loss) ||
    !(config.metrics === undefined || config.metrics === null || lossOk(config.metrics))
  ) {
    throw new tf.ValueError(
      `loadModel: malformed \`trainingConfig\`: expected {loss, metrics, optimizer_config: {class_name, config}}; received ${tf.describeValue(config)}`,
    );
  }
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
  const { buffer, modelSpecs } = checkWeightData(artifacts);
  const model = buildChecked(topology, modelSpecs);
  let weights: Record<string, tf.Tensor> = {};
  try {
    const modelWeights = model.weights;
    const expected = new Set(modelWeights.map((w) => w.originalName));
    const extra = [...modelSpecs.keys()].filter((n) => !expected.has(n));
    const missing = [...expected].filter((n) => !modelSpecs.has(n));
    if (extra.length > 0 || missing.length > 0) {
      throw new tf.ValueError(
        `loadModel: the saved weights do not match the model: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`,
      );
    }
    if (artifacts.trainingConfig) compileFrom(model, artifacts.trainingConfig);
    weights = buffer ? tf.io.decodeWeights(buffer, artifacts.weightSpecs ?? []) : {};
    const optimizerNames = new Set(
      (artifacts.weightSpecs ?? []).filter((s) => s.group === 'optimizer').map((s) => s.name),
    );
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
