/** One split as bytes: `count` images of 28 × 28 pixels (0..255) and their labels (0..9). */
export interface RawSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}
