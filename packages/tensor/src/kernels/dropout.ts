import { RandomGenerator } from '../random.js';

/**
 * Name of Dendrite's fused dropout kernel (inverted dropout drawing its own mask). The contract,
 * for every backend that registers it (`@dendrite/backend-native` does; cpu and wasm do not, so
 * there the Dropout layer keeps its composed ops):
 * - inputs: `x`, float32, any shape;
 * - attrs: {@link DendriteDropoutAttrs};
 * - outputs: `[y, mask]`: `mask` is a `bool` tensor of `x`'s shape, entry `i` true (kept) unless
 *   the `i`-th draw of a {@link RandomGenerator} started at `seed` is below `rate` (exactly
 *   `RandomGenerator.fillMask`'s rule, in the same order), and
 *   `y[i] = x[i] · (mask[i] ? scale : 0)` with `scale = Math.fround(1 / (1 - rate))`.
 *
 * The kernel draws `x.size` numbers: the caller moves its generator on with
 * {@link dropoutStateAfter}. {@link dropoutMaskValues} is the reference of the mask.
 */
export const DendriteDropout = 'DendriteDropout';

/**
 * Name of the backward kernel of {@link DendriteDropout}: inputs `dy` (float32) and `mask`
 * (`bool`, the forward's second output, same shape), attr `rate`; output
 * `dx[i] = dy[i] · (mask[i] ? scale : 0)`, with the forward's `scale`.
 */
export const DendriteDropoutGrad = 'DendriteDropoutGrad';

/** Attributes of {@link DendriteDropout} and (`rate` only) {@link DendriteDropoutGrad}. */
export interface DendriteDropoutAttrs {
  /** The fraction of entries dropped, in [0, 1). */
  readonly rate: number;
  /** The generator state the draws start from ({@link RandomGenerator.getState}). */
  readonly seed: number;
}

/** Where a {@link RandomGenerator} at `seed` stands after `draws` draws (each adds one constant). */
export function dropoutStateAfter(seed: number, draws: number): number {
  return (seed + Math.imul(draws, 0x6d2b79f5)) | 0;
}

/** The reference of {@link DendriteDropout}'s mask: 1 where kept, 0 where dropped. */
export function dropoutMaskValues(seed: number, size: number, rate: number): Uint8Array {
  const scaled = new RandomGenerator(seed).fillMask(new Float32Array(size), rate, 1);
  return Uint8Array.from(scaled);
}
