/**
 * The compact binary the page loads instead of JSON: a 16-byte header, then every image's
 * pixels (uint8, row-major), then every label (uint8).
 *
 * | bytes | content |
 * | --- | --- |
 * | 0..3 | magic `DFM1` (ASCII) |
 * | 4..7 | image count `n` (uint32, little-endian) |
 * | 8..11 | rows (uint32 LE) |
 * | 12..15 | columns (uint32 LE) |
 * | 16.. | `n * rows * cols` pixels, then `n` labels |
 */
export interface FashionSplit {
  /** `count * rows * cols` pixels, 0..255. */
  readonly images: Uint8Array;
  /** `count` class indices, 0..9. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** The four ASCII bytes every file starts with. */
export const FASHION_BIN_MAGIC = 'DFM1';
const HEADER_BYTES = 16;

/**
 * Packs one split into the binary layout above.
 * @example const bytes = encodeFashionBin({ images, labels, count: 2, rows: 28, cols: 28 });
 */
export function encodeFashionBin(split: FashionSplit): Uint8Array {
  const pixels = split.count * split.rows * split.cols;
  if (split.images.length !== pixels || split.labels.length !== split.count) {
    throw new Error(
      `encodeFashionBin: expected ${pixels} pixels and ${split.count} labels; received ${split.images.length} and ${split.labels.length}`,
    );
  }
  const out = new Uint8Array(HEADER_BYTES + pixels + split.count);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = FASHION_BIN_MAGIC.charCodeAt(i);
  view.setUint32(4, split.count, true);
  view.setUint32(8, split.rows, true);
  view.setUint32(12, split.cols, true);
  out.set(split.images, HEADER_BYTES);
  out.set(split.labels, HEADER_BYTES + pixels);
  return out;
}

/**
 * Reads a file written by {@link encodeFashionBin}; the arrays are views into `buffer`.
 * @example const split = decodeFashionBin(await (await fetch(url)).arrayBuffer());
 */
export function decodeFashionBin(buffer: ArrayBuffer): FashionSplit {
  const bytes = new Uint8Array(buffer);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < HEADER_BYTES || magic !== FASHION_BIN_MAGIC) {
    throw new Error(
      `decodeFashionBin: expected a file starting with "${FASHION_BIN_MAGIC}"; received "${magic}" (${bytes.length} bytes)`,
    );
  }
  const view = new DataView(buffer);
  const count = view.getUint32(4, true);
  const rows = view.getUint32(8, true);
  const cols = view.getUint32(12, true);
  const pixels = count * rows * cols;
  if (bytes.length !== HEADER_BYTES + pixels + count) {
    throw new Error(
      `decodeFashionBin: header says ${count} images of ${rows}x${cols} (${HEADER_BYTES + pixels + count} bytes); received ${bytes.length} bytes`,
    );
  }
  return {
    images: bytes.subarray(HEADER_BYTES, HEADER_BYTES + pixels),
    labels: bytes.subarray(HEADER_BYTES + pixels),
    count,
    rows,
    cols,
  };
}
