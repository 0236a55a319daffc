import * as tf from '@dendrite/tensor';

/** Element types of the IDX format, by their type code. */
const IDX_TYPES = {
  8: { dtype: 'uint8', bytes: 1 },
  9: { dtype: 'int8', bytes: 1 },
  11: { dtype: 'int16', bytes: 2 },
  12: { dtype: 'int32', bytes: 4 },
  13: { dtype: 'float32', bytes: 4 },
  14: { dtype: 'float64', bytes: 8 },
} as const;

/** Element type of an IDX array. */
export type IdxDataType = (typeof IDX_TYPES)[keyof typeof IDX_TYPES]['dtype'];

/** A decoded IDX array: values row-major, in the shape the header gives. */
export interface IdxArray {
  readonly dtype: IdxDataType;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** Names the data (e.g. the file path) in error messages. @defaultValue 'IDX data' */
  readonly source?: string;
}

/**
 * Decodes an uncompressed IDX file (the format of MNIST and Fashion-MNIST): a big-endian header
 * (two zero bytes, a type code, the number of dimensions, one uint32 per dimension) followed by
 * the values. `uint8` data is returned as a view on `bytes` without copying. Works anywhere
 * (no Node APIs). Throws a `ValueError` naming `source` for a bad magic number or a length that
 * does not match the header.
 * @example
 * const { shape, data } = parseIdx(bytes); // shape [60000, 28, 28], data Uint8Array
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  const source = options.source ?? 'IDX data';
  const fail = (what: string) => new tf.ValueError(`parseIdx: ${source}: ${what}`);
  if (!(bytes instanceof Uint8Array)) {
    throw new tf.ConfigError(tf.configMessage('parseIdx', 'bytes', 'a Uint8Array', bytes));
  }
  if (bytes.length < 4) {
    throw fail(`only ${bytes.length} bytes, too short for an IDX header (at least 4)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeCode = bytes[2] as number;
  const rank = bytes[3] as number;
  const type = IDX_TYPES[typeCode as keyof typeof IDX_TYPES];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || rank === 0) {
    const magic = view.getUint32(0).toString(16).padStart(8, '0');
    throw fail(
      `bad magic number 0x${magic}; expected 0x0000 followed by a type code (08, 09, 0b, 0c, 0d, 0e) and a dimension count >= 1 — not an IDX file, or still gzip-compressed`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw fail(
      `truncated header: ${rank} dimensions need ${headerBytes} bytes, received ${bytes.length}`,
    );
  }
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    throw fail(
      `length mismatch: the header gives shape [${shape.join(', ')}] of ${type.dtype}, so ${expected} bytes, but there are ${bytes.length}${bytes.length < expected ? ' (truncated)' : ''}`,
    );
  }
  const offset = bytes.byteOffset + headerBytes;
  let data: IdxArray['data'];
  switch (type.dtype) {
    case 'uint8':
      data = new Uint8Array(bytes.buffer, offset, count);
      break;
    case 'int8':
      data = new Int8Array(bytes.buffer, offset, count);
      break;
    default: {
      const Type = {
        int16: Int16Array,
        int32: Int32Array,
        float32: Float32Array,
        float64: Float64Array,
      }[type.dtype];
      const out = new Type(count);
      const read = {
        int16: (at: number) => view.getInt16(at),
        int32: (at: number) => view.getInt32(at),
        float32: (at: number) => view.getFloat32(at),
        float64: (at: number) => view.getFloat64(at),
      }[type.dtype];
      for (let i = 0; i < count; i++) out[i] = read(headerBytes + i * type.bytes);
      data = out;
    }
  }
  return { dtype: type.dtype, shape, data };
}
