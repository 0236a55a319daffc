import { convertPythonicToTs, deserializeModel, type LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Group } from 'h5wasm';
import { compileFromKeras } from './compile-config.js';
import { readHdf5, stringAttribute } from './hdf5.js';
import { isHdf5 } from './hdf5-signature.js';
import { normalizeKerasConfig } from './keras-config.js';
import { keras3Pairs } from './keras3-weights.js';
import { legacyPairs } from './legacy-weights.js';
import { restoreKeras3Optimizer, restoreLegacyOptimizer } from './optimizer-state.js';
import { applyPairs, weightBytes } from './weight-plan.js';
import { isZip, readZip } from './zip.js';

const CONFIG_CAP = 64 * 1024 * 1024;
const METADATA_CAP = 1024 * 1024;

function parseJson(text: string, what: string, origin: string): tf.ConfigValue {
  try {
    return JSON.parse(text) as tf.ConfigValue;
  } catch (error) {
    throw new tf.ValueError(
      `loadModel: ${origin}: ${what} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function majorVersion(version: unknown): number {
  const major = typeof version === 'string' ? Number.parseInt(version, 10) : Number.NaN;
  return Number.isFinite(major) ? major : 3;
}

/** Builds the model of a Keras config; disposes it if `fill` throws. */
async function build(
  config: tf.ConfigValue,
  kerasMajor: number,
  origin: string,
  fill: (model: LayersModel, cudnn: ReadonlySet<string>) => Promise<void>,
): Promise<LayersModel> {
  const { topology, cudnnLayers } = normalizeKerasConfig(config, { origin, kerasMajor });
  const model = deserializeModel(convertPythonicToTs(topology) as unknown as tf.SerializedObject);
  try {
    await fill(model, cudnnLayers);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

async function loadKeras3(bytes: Uint8Array, origin: string): Promise<LayersModel> {
  const meta = readZip(bytes, origin, {
    required: ['config.json'],
    wanted: ['config.json', 'metadata.json'],
    maxBytes: (name) => (name === 'config.json' ? CONFIG_CAP : METADATA_CAP),
  });
  const decoder = new TextDecoder();
  const config = parseJson(decoder.decode(meta['config.json']), 'config.json', origin);
  const metadata = meta['metadata.json']
    ? (parseJson(decoder.decode(meta['metadata.json']), 'metadata.json', origin) as Record<
        string,
        unknown
      >)
    : {};
  const kerasMajor = majorVersion(metadata.keras_version);
  return build(config, kerasMajor, origin, async (model) => {
    // Weights plus at most three optimizer slots each, plus HDF5 bookkeeping.
    const cap = 4 * weightBytes(model) + 1024 * 1024 + 4096 * model.weights.length;
    const entries = readZip(bytes, origin, {
      required: ['model.weights.h5'],
      wanted: ['model.weights.h5'],
      maxBytes: () => cap,
    });
    const compileConfig = (config as Record<string, tf.ConfigValue>).compile_config;
    if (compileConfig) compileFromKeras(model, compileConfig, origin);
    await readHdf5(
      entries['model.weights.h5'] as Uint8Array,
      `${origin}!model.weights.h5`,
      (root) => {
        applyPairs(keras3Pairs(root, model, origin), origin);
        if (model.isCompiled) restoreKeras3Optimizer(root, model, origin);
      },
    );
  });
}

async function loadLegacy(bytes: Uint8Array, origin: string): Promise<LayersModel> {
  return readHdf5(bytes, origin, (root) => ({
    modelConfig: stringAttribute(root, 'model_config'),
    trainingConfig: stringAttribute(root, 'training_config'),
    version: stringAttribute(root, 'keras_version'),
  })).then(async ({ modelConfig, trainingConfig, version }) => {
    if (!modelConfig) {
      throw new tf.ValueError(
        `loadModel: ${origin} is an HDF5 file without a model_config attribute: it holds weights only; build the model and call model.loadWeights() instead`,
      );
    }
    const config = parseJson(modelConfig, 'model_config', origin);
    return build(config, majorVersion(version), origin, async (model, cudnn) => {
      if (trainingConfig) {
        compileFromKeras(model, parseJson(trainingConfig, 'training_config', origin), origin);
      }
      await readHdf5(bytes, origin, (root: Group) => {
        const weights = root.keys().includes('model_weights') ? root.get('model_weights') : root;
        applyPairs(legacyPairs(weights as Group, model, origin, cudnn), origin);
        if (model.isCompiled) restoreLegacyOptimizer(root, model, origin);
      });
    });
  });
}

/**
 * Loads a whole model from the bytes of a Keras file: Keras 3 `.keras` (zip) or legacy Keras 2
 * `.h5` (HDF5), told apart by their first bytes, not by the name. A file with a compile or
 * training config comes back compiled, with its optimizer state where stored.
 * @param origin - The file's name, for messages.
 * @example const model = await loadKerasModel(await fs.readFile('best-model.keras'), 'best-model.keras');
 */
export async function loadKerasModel(bytes: Uint8Array, origin: string): Promise<LayersModel> {
  if (isZip(bytes)) return loadKeras3(bytes, origin);
  if (isHdf5(bytes)) return loadLegacy(bytes, origin);
  throw new tf.ValueError(
    `loadModel: ${origin} is neither a Keras 3 .keras file (zip, starting PK\\x03\\x04) nor a Keras HDF5 file (starting \\x89HDF); its first bytes are [${[...bytes.subarray(0, 8)].join(', ')}]`,
  );
}

/**
 * Reads weights into a built model from a Keras weights file: Keras 3 `.weights.h5`
 * (`layers/<snake_case class>[_N]/vars`) or legacy Keras 2 weights `.h5` (`layer_names`).
 * Every shape is checked before any weight changes.
 * @example await loadKerasWeights(model, await fs.readFile('model.weights.h5'), 'model.weights.h5');
 */
export async function loadKerasWeights(
  model: LayersModel,
  bytes: Uint8Array,
  origin: string,
): Promise<void> {
  await readHdf5(bytes, origin, (root) => {
    const isLegacy = root.attrs.layer_names !== undefined || root.keys().includes('model_weights');
    if (isLegacy) {
      const group = root.keys().includes('model_weights') ? root.get('model_weights') : root;
      applyPairs(legacyPairs(group as Group, model, origin), origin);
    } else {
      applyPairs(keras3Pairs(root, model, origin), origin);
    }
  });
}
