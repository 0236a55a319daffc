import * as tf from '@dendrite/tensor';

/** How points outside the image are filled (Keras' `fill_mode`). */
export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
/** How an image is sampled between pixels. */
export type TransformInterpolation = 'bilinear' | 'nearest';

/** Options of {@link affineTransform}. */
export interface AffineTransformOptions {
  readonly fillMode: FillMode;
  readonly interpolation: TransformInterpolation;
  /** Used where `fillMode` is `'constant'`. */
  readonly fillValue: number;
}

/**
 * Maps a source coordinate into `[0, len - 1]` as TensorFlow's ImageProjectiveTransformV3 does
 * (which Keras uses): `reflect` mirrors about the edge (d c b a | a b c d | d c b a), `wrap`
 * tiles, `nearest` clamps; `constant` leaves it for the read to fill.
 */
function mapCoordinate(coordinate: number, length: number, mode: FillMode): number {
  let c = coordinate;
  if (mode === 'constant') return c;
  if (mode === 'reflect' && length > 1) {
    const period = 2 * length;
    if (c < 0) {
      if (c < -period) c = period * Math.trunc(-c / period) + c;
      c = c < -length ? c + period : -c - 1;
    } else if (c > length - 1) {
      c -= period * Math.trunc(c / period);
      if (c >= length) c = period - c - 1;
    }
  } else if (mode === 'wrap' && length > 1) {
    const span = length - 1;
    if (c < 0) c += length * (Math.trunc(-c / span) + 1);
    else if (c > length - 1) c -= length * Math.trunc(c / span);
  } else if (length <= 1) {
    c = 0;
  }
  return Math.min(Math.max(c, 0), length - 1);
}

/** C's `round`: halves away from zero. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * Resamples each image of `[batch, height, width, channels]` through its 8-number projective
 * transform `[a0, a1, a2, b0, b1, b2, c0, c1]` (output point (x, y) reads input point
 * `((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)`, `k = c0 x + c1 y + 1`), with TensorFlow's
 * fill modes and interpolation. Differentiable in the images.
 */
export function affineTransform(
  images: tf.Tensor4D,
  transforms: readonly (readonly number[])[],
  options: AffineTransformOptions,
): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  const pixels = height * width;
  const outside = batch * pixels; // index of the appended fill row
  const corners = options.interpolation === 'bilinear' ? 4 : 1;
  const indices = Array.from({ length: corners }, () => new Int32Array(outside));
  const weights = Array.from({ length: corners }, () => new Float32Array(outside));
  const index = (b: number, y: number, x: number): number =>
    y >= 0 && y < height && x >= 0 && x < width ? b * pixels + y * width + x : outside;
  for (let b = 0; b < batch; b++) {
    const [a0, a1, a2, b0, b1, b2, c0, c1] = transforms[b] as number[];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const k = (c0 as number) * x + (c1 as number) * y + 1;
        const sx = mapCoordinate(
          ((a0 as number) * x + (a1 as number) * y + (a2 as number)) / k,
          width,
          options.fillMode,
        );
        const sy = mapCoordinate(
          ((b0 as number) * x + (b1 as number) * y + (b2 as number)) / k,
          height,
          options.fillMode,
        );
        const out = b * pixels + y * width + x;
        if (corners === 1) {
          (indices[0] as Int32Array)[out] = index(b, roundHalfAway(sy), roundHalfAway(sx));
          (weights[0] as Float32Array)[out] = 1;
          continue;
        }
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        const cells: [number, number, number][] = [
          [y0, x0, (1 - fy) * (1 - fx)],
          [y0, x0 + 1, (1 - fy) * fx],
          [y0 + 1, x0, fy * (1 - fx)],
          [y0 + 1, x0 + 1, fy * fx],
        ];
        cells.forEach(([cy, cx, w], i) => {
          (indices[i] as Int32Array)[out] = index(b, cy, cx);
          (weights[i] as Float32Array)[out] = w;
        });
      }
    }
  }
  return tf.tidy(() => {
    const flat = tf.concat([
      tf.reshape(images, [outside, channels]),
      tf.fill([1, channels], options.fillValue),
    ]);
    const parts = indices.map((idx, i) =>
      tf.mul(
        tf.gather(flat, tf.tensor1d(idx, 'int32')),
        tf.tensor2d(weights[i] as Float32Array, [outside, 1]),
      ),
    );
    return tf.reshape(tf.addN(parts), [batch, height, width, channels]);
  });
}

/**
 * Keras' rotation transform about the image center by `angle` radians (counter-clockwise for
 * positive angles), for {@link affineTransform}.
 */
export function rotationTransform(angle: number, height: number, width: number): number[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const xOffset = (width - 1 - (cos * (width - 1) - sin * (height - 1))) / 2;
  const yOffset = (height - 1 - (sin * (width - 1) + cos * (height - 1))) / 2;
  return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
}
