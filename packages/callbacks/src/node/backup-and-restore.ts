import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@dendrite/tensor';
import { Callback } from '../callback.js';
import type { NamedTensor } from '../training-model.js';

/** Configuration of {@link BackupAndRestore}. */
export interface BackupAndRestoreArgs {
  /** Directory holding the backup (one file, `latest.ckpt`). */
  backupDir: string;
  /** Delete the backup directory when training ends normally. @defaultValue true */
  deleteCheckpoint?: boolean;
}

interface TensorSpec {
  name?: string;
  shape: number[];
  dtype: tf.DataType;
  byteLength: number;
}

interface BackupHeader {
  epoch: number;
  weights: TensorSpec[];
  optimizer: TensorSpec[];
  /** Positions of the global random stream (initializers, dropout) and of fit's shuffle. */
  random?: { global?: number; shuffle?: number };
}

const FILE = 'latest.ckpt';

function readTensor(tensor: tf.Tensor, name?: string): { spec: TensorSpec; bytes: Uint8Array } {
  const values = tensor.dataSync() as Float32Array | Int32Array | Uint8Array;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  const spec: TensorSpec = { shape: tensor.shape, dtype: tensor.dtype, byteLength: bytes.length };
  if (name !== undefined) spec.name = name;
  return { spec, bytes };
}

function makeTensor(spec: TensorSpec, bytes: Uint8Array): tf.Tensor {
  // Copy into a fresh, aligned buffer: `bytes` may be a view into a larger (pooled) Buffer.
  const buffer = new Uint8Array(bytes).buffer;
  const values =
    spec.dtype === 'int32'
      ? new Int32Array(buffer)
      : spec.dtype === 'bool'
        ? new Uint8Array(buffer)
        : new Float32Array(buffer);
  return tf.tensor(values, spec.shape, spec.dtype);
}

/**
 * Backs up the model weights, the optimizer state, the random generators' positions (shuffle,
 * and the seeded stream dropout draws from) and the epoch count at every epoch end, so a
 * run that was interrupted resumes where it stopped (Keras `BackupAndRestore`). The backup is one
 * file written to a temporary name and renamed into place, so a crash mid-write leaves the last
 * good backup. On the next `fit`, `onTrainBegin` restores it and {@link resumeEpoch} tells the
 * engine the epoch to continue at; a run that ends normally deletes the backup directory.
 * @example await model.fit(x, y, { epochs: 50, callbacks: [backupAndRestore({ backupDir: '/tmp/backup' })] });
 */
export class BackupAndRestore extends Callback {
  /** The backup directory. */
  readonly backupDir: string;
  /** Whether the backup is deleted at the end. */
  readonly deleteCheckpoint: boolean;
  private restoredEpoch: number | undefined;

  constructor(args: BackupAndRestoreArgs) {
    super();
    const backupDir: unknown = args?.backupDir;
    if (typeof backupDir !== 'string' || backupDir === '') {
      throw new tf.ConfigError(
        tf.configMessage('BackupAndRestore', 'backupDir', 'a non-empty directory path', backupDir),
      );
    }
    this.backupDir = backupDir;
    this.deleteCheckpoint = args.deleteCheckpoint ?? true;
  }

  /** The epoch to resume at after a restore (the number of epochs completed before). */
  override resumeEpoch(): number | undefined {
    return this.restoredEpoch;
  }

  override async onTrainBegin(): Promise<void> {
    this.restoredEpoch = undefined;
    let file: Uint8Array;
    try {
      file = await readFile(join(this.backupDir, FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const model = this.requireModel();
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const headerLength = view.getUint32(0, true);
    const header = JSON.parse(
      new TextDecoder().decode(file.subarray(4, 4 + headerLength)),
    ) as BackupHeader;
    let offset = 4 + headerLength;
    const take = (spec: TensorSpec): tf.Tensor => {
      const tensor = makeTensor(spec, file.subarray(offset, offset + spec.byteLength));
      offset += spec.byteLength;
      return tensor;
    };
    const weights = header.weights.map(take);
    const optimizerWeights: NamedTensor[] = header.optimizer.map((spec) => ({
      name: spec.name ?? '',
      tensor: take(spec),
    }));
    try {
      model.setWeights(weights);
      if (optimizerWeights.length > 0) model.optimizer?.setWeights(optimizerWeights);
    } finally {
      tf.dispose(weights);
      tf.dispose(optimizerWeights.map((w) => w.tensor));
    }
    // Resume the random streams where they were, so shuffles and dropout masks repeat too.
    if (header.random?.global !== undefined) tf.setRandomState(header.random.global);
    if (header.random?.shuffle !== undefined) model.trainingRandom?.setState(header.random.shuffle);
    this.restoredEpoch = header.epoch;
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    const model = this.requireModel();
    // Read everything synchronously and free the copies before any await.
    const weights = model.getWeights();
    const optimizerWeights = model.optimizer?.getWeights() ?? [];
    let parts: { spec: TensorSpec; bytes: Uint8Array }[];
    let optimizerParts: { spec: TensorSpec; bytes: Uint8Array }[];
    try {
      parts = weights.map((w) => readTensor(w));
      optimizerParts = optimizerWeights.map((w) => readTensor(w.tensor, w.name));
    } finally {
      tf.dispose(weights);
      tf.dispose(optimizerWeights.map((w) => w.tensor));
    }
    const header: BackupHeader = {
      epoch: epoch + 1,
      weights: parts.map((p) => p.spec),
      optimizer: optimizerParts.map((p) => p.spec),
      random: { global: tf.getRandomState(), shuffle: model.trainingRandom?.getState() },
    };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const lengthBytes = new Uint8Array(4);
    new DataView(lengthBytes.buffer).setUint32(0, headerBytes.length, true);
    const data = Buffer.concat([
      lengthBytes,
      headerBytes,
      ...parts.map((p) => p.bytes),
      ...optimizerParts.map((p) => p.bytes),
    ]);
    await mkdir(this.backupDir, { recursive: true });
    const target = join(this.backupDir, FILE);
    const temporary = `${target}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  override async onTrainEnd(): Promise<void> {
    this.restoredEpoch = undefined;
    if (this.deleteCheckpoint) await rm(this.backupDir, { recursive: true, force: true });
  }

  private requireModel() {
    if (!this.model) {
      throw new tf.ValueError('BackupAndRestore: no model set; the engine calls setModel first');
    }
    return this.model;
  }
}

/**
 * Creates a {@link BackupAndRestore} callback.
 * @example backupAndRestore({ backupDir: './backup', deleteCheckpoint: false })
 */
export function backupAndRestore(args: BackupAndRestoreArgs): BackupAndRestore {
  return new BackupAndRestore(args);
}
