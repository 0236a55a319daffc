import * as tf from '@tensorflow/tfjs-core';

// tfjs uploads host values to a scratch texture as they lie in memory (four consecutive values
// per texel) and converts it with a packing program on first use; a packed program (the Dense
// product) then reads the packed copy. Here the host does that conversion while it copies the
// values, and the texture is written once in the layout the packed programs read.

/** The slice of tfjs' WebGL backend the packed upload uses. */
interface UploadingBackend {
  gpgpu: { gl: WebGLRenderingContext | WebGL2RenderingContext };
  /** Records a tensor; with `null` values, one whose texture `uploadToGPU` acquires. */
  write(values: null, shape: number[], dtype: tf.DataType): tf.DataId;
  uploadToGPU(dataId: tf.DataId): void;
  texData: {
    get(dataId: tf.DataId): {
      isPacked?: boolean;
      texShape?: number[];
      texture?: { texture: WebGLTexture; texShape: [number, number] };
    };
  };
}

/** The host staging buffer of the packed texels, grown to the largest matrix seen. */
let staging = new Float32Array(0);

/**
 * Copies row-major `values` (`rows × columns`) into 2 × 2 texels: texel `(i, j)` holds
 * `(2i, 2j)`, `(2i, 2j + 1)`, `(2i + 1, 2j)`, `(2i + 1, 2j + 1)`, zero past an odd edge.
 */
export function packTexels(values: Float32Array, rows: number, columns: number): Float32Array {
  const width = Math.ceil(columns / 2);
  const size = Math.ceil(rows / 2) * width * 4;
  if (staging.length < size) staging = new Float32Array(size);
  const out = staging.subarray(0, size);
  for (let r = 0; r < rows; r += 2) {
    const top = r * columns;
    const bottom = r + 1 < rows ? top + columns : -1;
    let texel = (r / 2) * width * 4;
    for (let c = 0; c < columns; c += 2, texel += 4) {
      const right = c + 1 < columns;
      out[texel] = values[top + c] as number;
      out[texel + 1] = right ? (values[top + c + 1] as number) : 0;
      out[texel + 2] = bottom < 0 ? 0 : (values[bottom + c] as number);
      out[texel + 3] = bottom < 0 || !right ? 0 : (values[bottom + c + 1] as number);
    }
  }
  return out;
}

/**
 * A float32 `[rows, columns]` tensor of `values` on a packed texture, written from the host in
 * one `texSubImage2D` (no scratch texture, no packing program); `undefined` where tfjs would not
 * lay the matrix out this way (WebGL 1, or a side past twice the largest texture). The texture
 * comes from tfjs' pool, so a batch of the same shape reuses the last one's.
 */
export function uploadPackedWebGl(
  backend: tf.KernelBackend,
  values: Float32Array,
  rows: number,
  columns: number,
): tf.TensorInfo | undefined {
  const largest = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
  const fits = Math.max(rows, columns) <= 2 * largest && rows * columns > 0;
  if (tf.env().getNumber('WEBGL_VERSION') !== 2 || !fits) return undefined;
  const gl = backend as unknown as UploadingBackend;
  const shape = [rows, columns];
  // `write` marks the tensor for upload: tfjs gives it a float32 texture on every device.
  const dataId = gl.write(null, shape, 'float32');
  const data = gl.texData.get(dataId);
  data.isPacked = true;
  data.texShape = [rows + (rows % 2), columns + (columns % 2)];
  gl.uploadToGPU(dataId);
  const texture = data.texture as { texture: WebGLTexture; texShape: [number, number] };
  const [height, width] = texture.texShape;
  const context = gl.gpgpu.gl;
  context.bindTexture(context.TEXTURE_2D, texture.texture);
  context.texSubImage2D(
    context.TEXTURE_2D,
    0,
    0,
    0,
    width,
    height,
    context.RGBA,
    context.FLOAT,
    packTexels(values, rows, columns),
  );
  context.bindTexture(context.TEXTURE_2D, null);
  return { dataId, shape, dtype: 'float32' };
}
