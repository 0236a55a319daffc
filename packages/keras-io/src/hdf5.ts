import * as tf from '@dendrite/tensor';
import h5wasm, { type Dataset, type Group } from 'h5wasm';
import { isHdf5 } from './hdf5-signature.js';

let counter = 0;

async function fileSystem(): Promise<{
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}> {
  const module = await h5wasm.ready;
  return module.FS as never;
}

/**
 * Opens HDF5 `bytes` in h5wasm's in-memory file system, runs `read` on the root group and
 * removes the in-memory copy, on success and on error. Nothing outside `bytes` is read.
 */
export async function readHdf5<T>(
  bytes: Uint8Array,
  origin: string,
  read: (root: Group) => T,
): Promise<T> {
  if (!isHdf5(bytes)) {
    throw new tf.ValueError(
      `loadModel: ${origin} is not an HDF5 file: its first bytes are not the HDF5 signature \\x89HDF\\r\\n\\x1a\\n`,
    );
  }
  const fs = await fileSystem();
  const name = `/dendrite-read-${++counter}.h5`;
  fs.writeFile(name, bytes);
  let file: InstanceType<typeof h5wasm.File> | undefined;
  try {
    try {
      file = new h5wasm.File(name, 'r');
    } catch (error) {
      throw new tf.ValueError(
        `loadModel: ${origin} is not a readable HDF5 file (truncated or corrupt): ${(error as Error).message ?? error}`,
      );
    }
    if (!file.file_id || file.file_id < 0n) {
      throw new tf.ValueError(
        `loadModel: ${origin} is not a readable HDF5 file (truncated or corrupt)`,
      );
    }
    return read(file);
  } finally {
    try {
      file?.close();
    } finally {
      fs.unlink(name);
    }
  }
}

/** Builds an HDF5 file in memory with `write` and returns its bytes. */
export async function writeHdf5(write: (root: Group) => void): Promise<Uint8Array> {
  const fs = await fileSystem();
  const name = `/dendrite-write-${++counter}.h5`;
  const file = new h5wasm.File(name, 'w');
  let open = true;
  try {
    write(file);
    file.flush();
    file.close();
    open = false;
    return fs.readFile(name);
  } finally {
    if (open) file.close();
    fs.unlink(name);
  }
}

/** A group child, or undefined when absent or not a group. */
export function childGroup(group: Group, name: string): Group | undefined {
  if (!group.keys().includes(name)) return undefined;
  const child = group.get(name);
  return child instanceof h5wasm.Group ? child : undefined;
}

/** A dataset child, or undefined. */
export function childDataset(group: Group, name: string): Dataset | undefined {
  if (!group.keys().includes(name)) return undefined;
  const child = group.get(name);
  return child instanceof h5wasm.Dataset ? child : undefined;
}

/** A string (or JSON string) attribute, or undefined. */
export function stringAttribute(group: Group, name: string): string | undefined {
  const attr = group.attrs[name];
  if (!attr) return undefined;
  const value = attr.value;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}

/** A list-of-strings attribute (`layer_names`, `weight_names`); empty when absent or empty. */
export function stringListAttribute(group: Group, name: string): string[] {
  const attr = group.attrs[name];
  if (!attr) return [];
  const value = attr.json_value;
  if (Array.isArray(value)) return value.map((v) => String(v));
  if (typeof value === 'string') return [value];
  return [];
}

/** A numeric dataset as a shape and float or int values (copied, float64/int64 narrowed). */
export interface RawArray {
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
  readonly values: Float32Array | Int32Array;
  readonly path: string;
}

/** Reads a numeric dataset; refuses strings, compound types and sizes that disagree with the shape. */
export function readDataset(dataset: Dataset, origin: string): RawArray {
  const shape = dataset.shape ?? [];
  const meta = dataset.metadata;
  const size = shape.reduce((a, b) => a * b, 1);
  if (meta.type !== 0 && meta.type !== 1) {
    throw new tf.ValueError(
      `loadModel: ${origin}: dataset ${dataset.path} holds ${meta.type === 3 ? 'strings' : `HDF5 type class ${meta.type}`}; expected numbers`,
    );
  }
  const value = dataset.value as ArrayLike<number | bigint> | number | bigint | null;
  const list: ArrayLike<number | bigint> =
    value === null ? [] : typeof value === 'object' ? value : [value];
  if (list.length !== size) {
    throw new tf.ValueError(
      `loadModel: ${origin}: dataset ${dataset.path} has ${list.length} values for shape [${shape.join(', ')}]`,
    );
  }
  const isFloat = meta.type === 1;
  let values: Float32Array | Int32Array;
  if (isFloat && list instanceof Float32Array) values = list.slice();
  else if (!isFloat && list instanceof Int32Array) values = list.slice();
  else {
    values = isFloat ? new Float32Array(size) : new Int32Array(size);
    for (let i = 0; i < size; i++) values[i] = Number(list[i]);
  }
  return { shape: [...shape], dtype: isFloat ? 'float32' : 'int32', values, path: dataset.path };
}
