import * as tf from '@dendrite/tensor';

/** One tensor's entry in a backup header. */
export interface BackupTensorSpec {
  name?: string;
  shape: number[];
  dtype: tf.DataType;
  byteLength: number;
}

/** The JSON header of `latest.ckpt`. */
export interface BackupHeader {
  epoch: number;
  weights: BackupTensorSpec[];
  optimizer: BackupTensorSpec[];
  /** Positions of the global random stream (initializers, dropout) and of fit's shuffle. */
  random?: BackupRandomState;
}

/** Where the random streams stood when the backup was written. */
export interface BackupRandomState {
  global?: number;
  shuffle?: number;
}

/** One tensor's spec and raw little-endian bytes. */
export interface BackupPart {
  spec: BackupTensorSpec;
  bytes: Uint8Array;
}

const BYTES_PER: Readonly<Record<string, number>> = Object.freeze({
  float32: 4,
  int32: 4,
  bool: 1,
});

/** Copies a tensor's values out as a backup part. */
export function tensorPart(tensor: tf.Tensor, name?: string): BackupPart {
  const values = tensor.dataSync() as Float32Array | Int32Array | Uint8Array;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  const spec: BackupTensorSpec = {
    shape: tensor.shape,
    dtype: tensor.dtype,
    byteLength: bytes.length,
  };
  if (name !== undefined) spec.name = name;
  return { spec, bytes };
}

/** `latest.ckpt`: a 4-byte little-endian header length, the JSON header, then the tensors' bytes. */
export function encodeBackup(
  epoch: number,
  weights: BackupPart[],
  optimizer: BackupPart[],
  random?: BackupRandomState,
): Uint8Array {
  const header: BackupHeader = {
    epoch,
    weights: weights.map((p) => p.spec),
    optimizer: optimizer.map((p) => p.spec),
  };
  if (random !== undefined) header.random = random;
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const parts = [...weights, ...optimizer].map((p) => p.bytes);
  const out = new Uint8Array(4 + headerBytes.length + parts.reduce((n, b) => n + b.length, 0));
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let offset = 4 + headerBytes.length;
  for (const bytes of parts) {
    out.set(bytes, offset);
    offset += bytes.length;
  }
  return out;
}

function checkSpec(
  file: string,
  spec: unknown,
  index: number,
  optimizer: boolean,
): BackupTensorSpec {
  const s = spec as Partial<BackupTensorSpec> | null;
  const what = `${file}: ${optimizer ? 'optimizer' : 'weight'} entry ${index}`;
  const per = typeof s?.dtype === 'string' ? BYTES_PER[s.dtype] : undefined;
  if (
    s === null ||
    typeof s !== 'object' ||
    !Array.isArray(s.shape) ||
    s.shape.length > 32 ||
    !s.shape.every((d) => Number.isSafeInteger(d) && d >= 0) ||
    per === undefined ||
    (optimizer && typeof s.name !== 'string')
  ) {
    throw new tf.ValueError(
      `BackupAndRestore: ${what} is malformed; expected {shape, dtype: float32|int32|bool${optimizer ? ', name' : ''}}; received ${tf.describeValue(spec)}`,
    );
  }
  const bytes = (s.shape as number[]).reduce((a, b) => a * b, per);
  if (s.byteLength !== bytes) {
    throw new tf.ValueError(
      `BackupAndRestore: ${what} declares ${tf.describeValue(s.byteLength)} bytes; shape [${s.shape}] of ${s.dtype} needs ${bytes}`,
    );
  }
  return s as BackupTensorSpec;
}

function checkRandom(random: unknown, corrupt: (why: string) => Error): BackupRandomState {
  const r = random as Partial<Record<string, unknown>> | null;
  // Generator states are 32-bit integers (signed once stored).
  const state = (v: unknown) =>
    v === undefined ||
    (Number.isInteger(v) && (v as number) >= -0x80000000 && (v as number) <= 0xffffffff);
  if (r === null || typeof r !== 'object' || !state(r.global) || !state(r.shuffle)) {
    throw corrupt(
      `its \`random\` entry must hold 32-bit integer \`global\`/\`shuffle\` states; received ${tf.describeValue(random)}`,
    );
  }
  const out: BackupRandomState = {};
  if (r.global !== undefined) out.global = r.global as number;
  if (r.shuffle !== undefined) out.shuffle = r.shuffle as number;
  return out;
}

/**
 * Checks a backup file completely (header length, JSON, every spec, and that the tensors'
 * bytes add up to the file's length) before any tensor is made.
 * @throws ValueError naming the file and what is wrong: a truncated or corrupt backup.
 */
export function decodeBackupHeader(
  file: string,
  data: Uint8Array,
): { header: BackupHeader; offset: number } {
  const corrupt = (why: string) =>
    new tf.ValueError(`BackupAndRestore: the backup ${file} is truncated or corrupt: ${why}`);
  if (data.length < 4) throw corrupt(`it has ${data.length} bytes; expected at least 4`);
  const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(
    0,
    true,
  );
  if (4 + headerLength > data.length) {
    throw corrupt(`its header needs ${headerLength} bytes but only ${data.length - 4} follow`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + headerLength)));
  } catch (error) {
    throw corrupt(`its header is not JSON (${(error as Error).message})`);
  }
  const h = parsed as Partial<BackupHeader> | null;
  if (
    h === null ||
    typeof h !== 'object' ||
    !Number.isSafeInteger(h.epoch) ||
    (h.epoch as number) < 0 ||
    !Array.isArray(h.weights) ||
    !Array.isArray(h.optimizer)
  ) {
    throw corrupt(
      'its header lacks a non-negative integer `epoch` and `weights`/`optimizer` lists',
    );
  }
  const header: BackupHeader = {
    epoch: h.epoch as number,
    weights: h.weights.map((s, i) => checkSpec(file, s, i, false)),
    optimizer: h.optimizer.map((s, i) => checkSpec(file, s, i, true)),
  };
  if (h.random !== undefined) header.random = checkRandom(h.random, corrupt);
  const offset = 4 + headerLength;
  const needed = [...header.weights, ...header.optimizer].reduce((n, s) => n + s.byteLength, 0);
  if (data.length - offset !== needed) {
    throw corrupt(
      `its tensors need ${needed} bytes after the header; the file holds ${data.length - offset}`,
    );
  }
  return { header, offset };
}

/** Makes the tensors of a checked backup; frees those made so far if one fails. */
export function backupTensors(
  data: Uint8Array,
  header: BackupHeader,
  offset: number,
): { weights: tf.Tensor[]; optimizer: { name: string; tensor: tf.Tensor }[] } {
  const made: tf.Tensor[] = [];
  let at = offset;
  const take = (spec: BackupTensorSpec): tf.Tensor => {
    // Copy into a fresh, aligned buffer: `data` may be a view into a larger buffer.
    const buffer = data.slice(at, at + spec.byteLength).buffer;
    at += spec.byteLength;
    const values =
      spec.dtype === 'int32'
        ? new Int32Array(buffer)
        : spec.dtype === 'bool'
          ? new Uint8Array(buffer)
          : new Float32Array(buffer);
    const tensor = tf.tensor(values, spec.shape, spec.dtype);
    made.push(tensor);
    return tensor;
  };
  try {
    const weights = header.weights.map(take);
    const optimizer = header.optimizer.map((spec) => ({
      name: spec.name as string,
      tensor: take(spec),
    }));
    return { weights, optimizer };
  } catch (error) {
    tf.dispose(made);
    throw error;
  }
}
