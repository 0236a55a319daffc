import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@dendrite/tensor';
import { readRegularFile, writeFileAtomic } from '@dendrite/tensor/node';
import { type PathStore, registerPathStore } from './model-formats.js';

/** Options of {@link fileSystem}. */
export interface FileSystemOptions {
  /**
   * Writes one file durably (data, then fsync). Replaceable for tests or custom storage.
   * @defaultValue open, write, fsync, close
   */
  readonly writeFile?: (file: string, data: Uint8Array) => Promise<void>;
}

async function writeDurable(file: string, data: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the renames are still atomic.
  }
}

/** `dir/model.json` for a folder, or the `.json` file itself. */
function locate(target: string): { dir: string; json: string } {
  const clean = target.startsWith('file://') ? target.slice('file://'.length) : target;
  if (clean.endsWith('.json')) return { dir: path.dirname(clean), json: clean };
  return { dir: clean, json: path.join(clean, 'model.json') };
}

/** Resolves a manifest path inside `dir`, rejecting absolute paths and escapes like `../x.bin`. */
export function safeWeightPath(dir: string, relative: string): string {
  if (
    typeof relative !== 'string' ||
    relative.length === 0 ||
    path.isAbsolute(relative) ||
    path.win32.isAbsolute(relative) ||
    relative.includes('\0')
  ) {
    throw new tf.ValueError(
      `loadModel: weight paths must be relative to the model folder; received ${tf.describeValue(relative)}`,
    );
  }
  const root = path.resolve(dir);
  const resolved = path.resolve(root, relative);
  const inside = path.relative(root, resolved);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new tf.ValueError(
      `loadModel: weight path ${tf.describeValue(relative)} escapes the model folder ${root}`,
    );
  }
  return resolved;
}

function parseModelJson(file: string, text: string): tf.io.ModelJSON {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new tf.ValueError(
      `loadModel: ${file} is not valid JSON (truncated or corrupt): ${(error as Error).message}`,
    );
  }
  const json = parsed as tf.io.ModelJSON;
  if (typeof json !== 'object' || json === null || typeof json.modelTopology !== 'object') {
    throw new tf.ValueError(`loadModel: ${file} has no \`modelTopology\` object`);
  }
  if (json.weightsManifest !== undefined && !Array.isArray(json.weightsManifest)) {
    throw new tf.ValueError(
      `loadModel: ${file} has a malformed \`weightsManifest\` (expected a list)`,
    );
  }
  return json;
}

async function previousWeightFiles(dir: string, json: string): Promise<string[]> {
  try {
    const old = JSON.parse(await fs.readFile(json, 'utf8')) as tf.io.ModelJSON;
    return (old.weightsManifest ?? []).flatMap((group) =>
      group.paths.map((p) => {
        try {
          return safeWeightPath(dir, p);
        } catch {
          return '';
        }
      }),
    );
  } catch {
    return [];
  }
}

/**
 * A `tf.io` handler that saves to and loads from the file system (Node only): `model.json`
 * plus one weights file in the folder `target` (or next to `target` when it ends in `.json`).
 * Saving is atomic: both files are written under temporary names and fsynced, the weights get
 * a fresh name, and renaming `model.json` into place is the single commit; a crash before it
 * leaves the previous model intact. Loading reads only weight files inside the folder.
 * @example await model.save(fileSystem('./my-model')); const m = await loadModel(fileSystem('./my-model'));
 */
export function fileSystem(target: string, options: FileSystemOptions = {}): tf.io.IOHandler {
  const { dir, json } = locate(target);
  const write = options.writeFile ?? writeDurable;
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await fs.mkdir(dir, { recursive: true });
      const token = randomBytes(6).toString('hex');
      const weightsName = `weights.${token}.bin`;
      const weightsTemp = path.join(dir, `.${weightsName}.tmp`);
      const jsonTemp = path.join(dir, `.${path.basename(json)}.${token}.tmp`);
      const data = artifacts.weightData
        ? new Uint8Array(
            Array.isArray(artifacts.weightData)
              ? tf.io.concatenateArrayBuffers(artifacts.weightData)
              : (artifacts.weightData as ArrayBuffer),
          )
        : new Uint8Array(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata
          ? { userDefinedMetadata: artifacts.userDefinedMetadata }
          : {}),
      };
      const stale = await previousWeightFiles(dir, json);
      try {
        await write(weightsTemp, data);
        await write(jsonTemp, new TextEncoder().encode(JSON.stringify(modelJson)));
        await fs.rename(weightsTemp, path.join(dir, weightsName));
        await fs.rename(jsonTemp, json);
        await syncDirectory(dir);
      } catch (error) {
        await Promise.all([weightsTemp, jsonTemp].map((f) => fs.rm(f, { force: true })));
        await fs.rm(path.join(dir, weightsName), { force: true }).catch(() => {});
        throw error;
      }
      await Promise.all(stale.filter(Boolean).map((f) => fs.rm(f, { force: true })));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      let text: string;
      try {
        text = await fs.readFile(json, 'utf8');
      } catch (error) {
        throw new tf.ValueError(`loadModel: cannot read ${json}: ${(error as Error).message}`);
      }
      const modelJson = parseModelJson(json, text);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of modelJson.weightsManifest ?? []) {
        for (const relative of group.paths) {
          const bytes = await fs.readFile(safeWeightPath(dir, relative));
          buffers.push(
            bytes.buffer.slice(
              bytes.byteOffset,
              bytes.byteOffset + bytes.byteLength,
            ) as ArrayBuffer,
          );
        }
        specs.push(...group.weights);
      }
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        ...(modelJson.trainingConfig ? { trainingConfig: modelJson.trainingConfig } : {}),
        ...(modelJson.userDefinedMetadata
          ? { userDefinedMetadata: modelJson.userDefinedMetadata }
          : {}),
        weightSpecs: specs,
        ...(buffers.length > 0 ? { weightData: tf.io.concatenateArrayBuffers(buffers) } : {}),
      };
    },
  };
}

/** Largest whole-model file read from a plain path (Keras `.keras`/`.h5`). */
const MAX_MODEL_FILE_BYTES = 2 ** 31 - 1;

/**
 * Plain paths on Node: regular files only (read with a size check), atomic fsynced writes
 * (folders created as needed), and the TF.js format through {@link fileSystem}.
 */
export const nodePathStore: PathStore = {
  read: (file) =>
    readRegularFile(path.resolve(file), { maxBytes: MAX_MODEL_FILE_BYTES, what: 'loadModel' }),
  async write(file, data) {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFileAtomic(path.resolve(file), data);
  },
  tfjsHandler: (target) => fileSystem(target),
  async isDirectory(target) {
    try {
      return (await fs.stat(target)).isDirectory();
    } catch {
      return false;
    }
  },
};

let registered = false;

/**
 * Lets `model.save('file://path')` and `loadModel('file://path')` use {@link fileSystem}, and
 * plain paths (`model.save('./my-model')`, `loadModel('best-model.keras')`) use the file system.
 * Call once on Node; safe to call again.
 */
export function registerFileSystem(): void {
  if (registered) return;
  registered = true;
  registerPathStore(nodePathStore);
  const router = ((url: string | string[]) =>
    typeof url === 'string' && url.startsWith('file://') ? fileSystem(url) : null) as Parameters<
    typeof tf.io.registerSaveRouter
  >[0];
  tf.io.registerSaveRouter(router);
  tf.io.registerLoadRouter(router);
}
