import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';

/**
 * A whole-file model format besides the TF.js Layers format (Keras' `.keras` and `.h5`), filled
 * in by a package such as `@dendrite/keras-io` through {@link registerModelFormat}, so that
 * `@dendrite/models` itself never loads their parsers.
 */
export interface ModelFormat {
  /** Shown in messages, e.g. `"Keras"`. */
  readonly name: string;
  /** Whether a file starts like this format (magic bytes, not the name). */
  sniff(bytes: Uint8Array): boolean;
  /** Whether a destination path (`x.keras`, `x.h5`) is saved in this format. */
  claims(destination: string): boolean;
  /** Builds a model (compiled when the file says how) from a file's bytes. */
  load(bytes: Uint8Array, origin: string): Promise<LayersModel>;
  /** The bytes of `model` saved for `destination`. */
  save(model: LayersModel, destination: string): Promise<Uint8Array>;
  /** Reads a weights file into a built model. */
  loadWeights(model: LayersModel, bytes: Uint8Array, origin: string): Promise<void>;
  /** The bytes of a weights file of `model` for `destination`. */
  saveWeights(model: LayersModel, destination: string): Promise<Uint8Array>;
}

/** Reads and writes whole files for plain paths; registered by `registerFileSystem()` on Node. */
export interface PathStore {
  /** The bytes of a file; refuses non-regular files. */
  read(path: string): Promise<Uint8Array>;
  /** Writes a file atomically (temporary name, fsync, rename). */
  write(path: string, data: Uint8Array): Promise<void>;
  /** A `tf.io` handler for the TF.js format at a folder or `model.json` path. */
  tfjsHandler(path: string): tf.io.IOHandler;
  /** Whether `path` names an existing folder. */
  isDirectory(path: string): Promise<boolean>;
}

const formats: ModelFormat[] = [];
let store: PathStore | undefined;

/** Adds a model format (idempotent by name: a later registration replaces an earlier one). */
export function registerModelFormat(format: ModelFormat): void {
  const at = formats.findIndex((f) => f.name === format.name);
  if (at >= 0) formats.splice(at, 1, format);
  else formats.push(format);
}

/** The registered model formats. */
export function modelFormats(): readonly ModelFormat[] {
  return formats;
}

/** Sets the store for plain paths (Node's file system). */
export function registerPathStore(pathStore: PathStore): void {
  store = pathStore;
}

/** Whether `source` is a plain file path rather than a URL with a scheme (`C:\` counts as a path). */
export function isPlainPath(source: string): boolean {
  return !/^[a-z][a-z0-9+.-]+:\/\//i.test(source) || /^[a-z]:[\\/]/i.test(source);
}

/** The path of a plain path or `file://` URL, or undefined for other URLs. */
export function filePath(source: string): string | undefined {
  if (source.startsWith('file://')) return source.slice('file://'.length);
  return isPlainPath(source) ? source : undefined;
}

/** The plain-path store, or a clear error naming the schemes that work without one. */
export function requirePathStore(owner: string, source: string): PathStore {
  if (store) return store;
  throw new tf.ConfigError(
    `${owner}: ${tf.describeValue(source)} is a file path, which needs Node (import "dendrite" or call registerFileSystem() from "@dendrite/models/node"); in the browser use an http(s):// URL, indexeddb://, localstorage://, downloads://, a File/Blob or the file's bytes`,
  );
}

/** The format claiming a destination path, if any. */
export function formatForDestination(destination: string): ModelFormat | undefined {
  return formats.find((f) => f.claims(destination));
}

/** The format whose magic bytes `bytes` start with, or a clear error. */
export function formatForBytes(owner: string, bytes: Uint8Array, origin: string): ModelFormat {
  const format = formats.find((f) => f.sniff(bytes));
  if (format) return format;
  const kind =
    bytes[0] === 0x50 && bytes[1] === 0x4b
      ? 'a zip archive (a Keras 3 .keras file?)'
      : bytes[0] === 0x89 && bytes[1] === 0x48
        ? 'an HDF5 file (a Keras .h5 file?)'
        : 'not a known model file';
  throw new tf.ConfigError(
    `${owner}: ${origin} is ${kind}; no registered format reads it${formats.length === 0 ? ' (import "dendrite", or call registerKerasFormat() from "@dendrite/keras-io", to read Keras files)' : ` (registered: ${formats.map((f) => f.name).join(', ')})`}`,
  );
}
