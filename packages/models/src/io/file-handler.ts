import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@dendrite/tensor';
import {
  isProcessAlive,
  readRegularFile,
  statRegularFile,
  syncFolder,
  writeDurable,
  writeFileAtomic,
} from '@dendrite/tensor/node';
import { type PathStore, registerPathStore } from './model-formats.js';
import { checkWeightsManifest, parseUntrustedJson } from './weights-manifest.js';

/** Options of {@link fileSystem}. */
export interface FileSystemOptions {
  /**
   * Writes one new file durably (data, then fsync). Replaceable for tests or custom storage.
   * @defaultValue open, write, fsync, close
   */
  readonly writeFile?: (file: string, data: Uint8Array) => Promise<void>;
}

/** Largest `model.json` read; real topologies are a few megabytes at most. */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

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
  const parsed = parseUntrustedJson('loadModel', file, text);
  const json = parsed as tf.io.ModelJSON;
  if (typeof json !== 'object' || json === null || typeof json.modelTopology !== 'object') {
    throw new tf.ValueError(`loadModel: ${file} has no \`modelTopology\` object`);
  }
  return json;
}

/** The weight files a model.json in `dir` lists, resolved; unreadable or malformed lists give none. */
async function listedWeightFiles(dir: string, json: string): Promise<string[]> {
  try {
    const text = new TextDecoder().decode(
      await readRegularFile(json, { root: dir, maxBytes: MAX_MODEL_JSON_BYTES }),
    );
    const parsed = parseUntrustedJson('save', json, text) as { weightsManifest?: unknown } | null;
    const groups = checkWeightsManifest('save', json, parsed?.weightsManifest);
    return groups.flatMap((group) => group.paths.map((p) => safeWeightPath(dir, p)));
  } catch {
    return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Weights files this process is writing right now: a concurrent save of the same folder must not
 * take them for leftovers.
 */
const inFlight = new Set<string>();

/**
 * Weights files that saves of `json` left and the committed `model.json` does not use: named
 * as {@link fileSystem} names them, not in `keep`, and not being written by a live save (of this
 * process, or of another running process). Also the temporaries of the earlier naming
 * (`.weights.<hex>.bin.tmp`, `.model.json.<hex>.tmp`).
 */
async function orphanWeightFiles(dir: string, json: string, keep: Set<string>): Promise<string[]> {
  const stem = escapeRegExp(path.basename(json, '.json'));
  const ours = new RegExp(`^${stem}\\.weights\\.(\\d+)-[0-9a-f]+\\.bin$`);
  const earlier = new RegExp(
    `^(\\.weights\\.[0-9a-f]{12}\\.bin\\.tmp|\\.${escapeRegExp(path.basename(json))}\\.[0-9a-f]{12}\\.tmp)$`,
  );
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => {
      const match = ours.exec(name);
      if (!match) return earlier.test(name);
      const pid = Number(match[1]);
      return pid === process.pid || !isProcessAlive(pid);
    })
    .map((name) => path.join(dir, name))
    .filter((file) => !keep.has(file) && !inFlight.has(file));
}

/** Reads every weights file of the manifest, after checking their real sizes add up to it. */
async function readWeights(
  dir: string,
  json: string,
  manifest: unknown,
): Promise<{ specs: tf.io.WeightsManifestEntry[]; buffers: ArrayBuffer[] }> {
  const groups = checkWeightsManifest('loadModel', json, manifest);
  const seen = new Set<string>();
  const files = [];
  for (const group of groups) {
    let held = 0;
    for (const relative of group.paths) {
      const info = await statRegularFile(safeWeightPath(dir, relative), {
        root: dir,
        what: 'loadModel: weights file',
      });
      if (seen.has(info.id)) {
        throw new tf.ValueError(
          `loadModel: ${json} lists the weights file ${info.path} more than once (under another name or link)`,
        );
      }
      seen.add(info.id);
      held += info.size;
      files.push(info);
    }
    if (held !== group.bytes) {
      throw new tf.ValueError(
        `loadModel: the weights files [${group.paths.join(', ')}] of ${json} hold ${held} bytes but its weights manifest needs ${group.bytes}; the files are truncated or do not belong to this model`,
      );
    }
  }
  const buffers: ArrayBuffer[] = [];
  for (const info of files) {
    const bytes = await readRegularFile(info.path, {
      root: dir,
      expectedBytes: info.size,
      what: 'loadModel: weights file',
    });
    buffers.push(bytes.buffer as ArrayBuffer);
  }
  return { specs: groups.flatMap((group) => [...group.weights]), buffers };
}

/**
 * A `tf.io` handler that saves to and loads from the file system (Node only): `model.json`
 * plus one weights file in the folder `target` (or next to `target` when it ends in `.json`).
 * Saving is atomic: the weights go to a fresh file, fsynced, and `model.json` is replaced by
 * an fsynced rename, the single commit; a crash before it leaves the previous model intact,
 * and the next successful save removes what a crashed one left. Loading trusts nothing in the
 * folder: only regular files inside it (links resolved), sizes checked before reading.
 * @example await model.save(fileSystem('./my-model')); const m = await loadModel(fileSystem('./my-model'));
 */
export function fileSystem(target: string, options: FileSystemOptions = {}): tf.io.IOHandler {
  const { dir, json } = locate(target);
  const write = options.writeFile ?? writeDurable;
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await fs.mkdir(dir, { recursive: true });
      const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
      const weightsName = `${path.basename(json, '.json')}.weights.${token}.bin`;
      const weightsFile = path.join(dir, weightsName);
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
      const previous = await listedWeightFiles(dir, json);
      inFlight.add(weightsFile);
      try {
        await write(weightsFile, data);
        // The weights' folder entry is durable before model.json can point at it.
        await syncFolder(dir);
        await writeFileAtomic(json, new TextEncoder().encode(JSON.stringify(modelJson)), {
          write: write as (file: string, data: Uint8Array | string) => Promise<void>,
        });
      } catch (error) {
        inFlight.delete(weightsFile);
        await fs.rm(weightsFile, { force: true }).catch(() => {});
        throw error;
      }
      const keep = new Set([weightsFile]);
      try {
        const leftovers = await orphanWeightFiles(dir, json, keep);
        // Only weight files (`.bin`) are removed, whatever else a hand-edited manifest lists.
        const replaced = previous.filter((file) => !keep.has(file) && file.endsWith('.bin'));
        await Promise.all([...replaced, ...leftovers].map((f) => fs.rm(f, { force: true })));
      } finally {
        inFlight.delete(weightsFile);
      }
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const bytes = await readRegularFile(json, {
        root: dir,
        maxBytes: MAX_MODEL_JSON_BYTES,
        what: 'loadModel: model file',
      });
      const modelJson = parseModelJson(json, new TextDecoder().decode(bytes));
      const { specs, buffers } = await readWeights(dir, json, modelJson.weightsManifest);
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
