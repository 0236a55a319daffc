import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Encodes an IDX file by the format's definition: 0, 0, type code, rank, big-endian dims, data. */
export function makeIdx(typeCode: number, shape: number[], body: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = shape.length;
  shape.forEach((dim, i) => {
    view.setUint32(4 + 4 * i, dim);
  });
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

/** Pixel p of image i in the generated files: (7 * i + p) mod 256. */
export const pixel = (i: number, p: number) => (7 * i + p) % 256;

export function imageBytes(count: number, rows = 28, cols = 28): Uint8Array {
  const body = new Uint8Array(count * rows * cols);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < rows * cols; p++) body[i * rows * cols + p] = pixel(i, p);
  }
  return makeIdx(0x08, [count, rows, cols], body);
}

/** Label i is `(i + offset) mod 10`. */
export function labelBytes(count: number, offset = 0): Uint8Array {
  return makeIdx(
    0x08,
    [count],
    Uint8Array.from({ length: count }, (_, i) => (i + offset) % 10),
  );
}

export const FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

/** Gzip into a plain Uint8Array (a Node Buffer may share a pooled ArrayBuffer). */
export const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));

/** The four gzipped files of a tiny MNIST-style dataset (train 5 images, test 3). */
export function tinyDatasetFiles(labelOffset = 0): Record<string, Uint8Array> {
  return {
    [FILE_NAMES.trainImages]: gzip(imageBytes(5)),
    [FILE_NAMES.trainLabels]: gzip(labelBytes(5, labelOffset)),
    [FILE_NAMES.testImages]: gzip(imageBytes(3)),
    [FILE_NAMES.testLabels]: gzip(labelBytes(3, labelOffset)),
  };
}

/** Writes `files` into `folder` (created) and returns the folder. */
export function writeFiles(folder: string, files: Record<string, Uint8Array>): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
  return folder;
}
