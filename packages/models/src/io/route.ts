import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import {
  filePath,
  formatForBytes,
  formatForDestination,
  isPlainPath,
  requirePathStore,
} from './model-formats.js';

/** A model file's bytes in memory, a browser `File`/`Blob`, or raw bytes. */
export type ModelBytes = Uint8Array | ArrayBuffer | Blob;

/** Whether `source` is bytes or a Blob rather than a URL or an IO handler. */
export function isModelBytes(source: unknown): source is ModelBytes {
  return (
    source instanceof Uint8Array ||
    source instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && source instanceof Blob)
  );
}

async function toBytes(source: ModelBytes): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

async function fetchBytes(owner: string, url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new tf.ValueError(`${owner}: fetching ${url} failed with HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The bytes of a whole-file model source (bytes, Blob, plain path, `file://` or http(s) URL of a
 * `.keras`/`.h5` file), or undefined when the source is the TF.js format (folder, `model.json`,
 * `indexeddb://`...) and loads through a `tf.io` handler.
 */
export async function wholeFileBytes(
  owner: string,
  source: unknown,
): Promise<{ bytes: Uint8Array; origin: string } | { handler: tf.io.IOHandler } | undefined> {
  if (isModelBytes(source)) {
    const name = typeof File !== 'undefined' && source instanceof File ? source.name : 'bytes';
    return { bytes: await toBytes(source), origin: name };
  }
  if (typeof source !== 'string') return undefined;
  const path = filePath(source);
  if (path === undefined) {
    if (/^https?:\/\//i.test(source) && formatForDestination(new URL(source).pathname)) {
      return { bytes: await fetchBytes(owner, source), origin: source };
    }
    return undefined;
  }
  if (!isPlainPath(source) && path.endsWith('.json')) return undefined;
  const store = requirePathStore(owner, source);
  if (path.endsWith('.json') || (await store.isDirectory(path))) {
    return { handler: store.tfjsHandler(path) };
  }
  return { bytes: await store.read(path), origin: path };
}

/** Loads a model from whole-file bytes through the format their magic bytes name. */
export function loadFromBytes(
  owner: string,
  bytes: Uint8Array,
  origin: string,
): Promise<LayersModel> {
  return formatForBytes(owner, bytes, origin).load(bytes, origin);
}

/** Saves `model` to a path claimed by a registered format (`.keras`, `.h5`); false if none claims it. */
export async function saveToFormat(
  owner: string,
  model: LayersModel,
  destination: string,
): Promise<boolean> {
  const path = filePath(destination) ?? destination;
  const format = formatForDestination(path);
  if (!format) return false;
  const store = requirePathStore(owner, destination);
  if (filePath(destination) === undefined) {
    throw new tf.ConfigError(
      `${owner}: ${format.name} files are saved to file paths; received ${tf.describeValue(destination)}`,
    );
  }
  await store.write(path, await format.save(model, path));
  return true;
}

/** `model.loadWeights`: reads a weights file through the format its magic bytes name. */
export async function loadWeightsFrom(model: LayersModel, source: unknown): Promise<void> {
  const owner = `${model.name}.loadWeights`;
  const whole = await wholeFileBytes(owner, source);
  if (!whole || !('bytes' in whole)) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'source', 'a weights file path, URL, File/Blob or bytes', source),
    );
  }
  await formatForBytes(owner, whole.bytes, whole.origin).loadWeights(
    model,
    whole.bytes,
    whole.origin,
  );
}

/** `model.saveWeights`: `.weights.h5` (Keras 3's layout) or another `.h5`/`.hdf5` name (Keras 2's). */
export async function saveWeightsTo(model: LayersModel, destination: string): Promise<void> {
  const owner = `${model.name}.saveWeights`;
  const path = typeof destination === 'string' ? filePath(destination) : undefined;
  if (path === undefined || !/\.(h5|hdf5)$/i.test(path)) {
    throw new tf.ConfigError(
      tf.configMessage(
        owner,
        'destination',
        'a file path ending in ".weights.h5" (or ".h5"/".hdf5" for Keras 2\'s layout)',
        destination,
      ),
    );
  }
  const store = requirePathStore(owner, destination);
  const format = formatForDestination(path);
  if (!format) {
    throw new tf.ConfigError(
      `${owner}: no registered format writes ${path} (import "dendrite", or call registerKerasFormat() from "@dendrite/keras-io")`,
    );
  }
  await store.write(path, await format.saveWeights(model, path));
}
