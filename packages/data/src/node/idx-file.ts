import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import * as tf from '@dendrite/tensor';
import { type IdxArray, parseIdx } from '../idx.js';

const gunzipAsync = promisify(gunzip);

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads an IDX file from disk, gunzipping it first when it is gzip-compressed (checked by its
 * first bytes, not its name). Errors name the file: a gzip error, a bad magic number, or a length
 * that does not match the header.
 * @example const { shape, data } = await readIdxFile('train-labels-idx1-ubyte.gz');
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  const raw = new Uint8Array(await readFile(path));
  let bytes = raw;
  if (isGzip(raw)) {
    try {
      const unpacked = await gunzipAsync(raw);
      bytes = new Uint8Array(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength);
    } catch (error) {
      throw new tf.ValueError(
        `readIdxFile: ${path}: gzip error (${(error as Error).message}); the file is corrupt or truncated — delete it and load again`,
      );
    }
  }
  return parseIdx(bytes, { source: path });
}
