/**
 * Keras' fan-in and fan-out of a weight shape: for a dense kernel `[in, out]`; for a conv
 * kernel `[...spatial, inChannels, outChannels]` each channel count times the receptive field
 * size (the product of the spatial dims); for a vector both equal its length; for a scalar 1.
 * @example computeFans([3, 3, 16, 32]); // [144, 288]
 */
export function computeFans(shape: readonly number[]): [fanIn: number, fanOut: number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0] as number, shape[0] as number];
  if (shape.length === 2) return [shape[0] as number, shape[1] as number];
  const receptiveFieldSize = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [
    (shape[shape.length - 2] as number) * receptiveFieldSize,
    (shape[shape.length - 1] as number) * receptiveFieldSize,
  ];
}
