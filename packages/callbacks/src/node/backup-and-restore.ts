import { lstat, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@dendrite/tensor';
import { readRegularFile, writeFileAtomic } from '@dendrite/tensor/node';
import { Callback } from '../callback.js';
import {
  type BackupPart,
  backupTensors,
  decodeBackupHeader,
  encodeBackup,
  tensorPart,
} from './backup-file.js';
import { checkPath } from './check-path.js';

/** Configuration of {@link BackupAndRestore}. */
export interface BackupAndRestoreArgs {
  /** Directory holding the backup (one file, `latest.ckpt`). */
  backupDir: string;
  /** Delete the backup directory when training ends normally. @defaultValue true */
  deleteCheckpoint?: boolean;
}

const FILE = 'latest.ckpt';

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
    this.backupDir = checkPath(
      'BackupAndRestore',
      'backupDir',
      backupDir,
      'a non-empty directory path',
    );
    this.deleteCheckpoint = args.deleteCheckpoint ?? true;
  }

  /** The epoch to resume at after a restore (the number of epochs completed before). */
  override resumeEpoch(): number | undefined {
    return this.restoredEpoch;
  }

  override async onTrainBegin(): Promise<void> {
    this.restoredEpoch = undefined;
    const file = join(this.backupDir, FILE);
    try {
      await lstat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const model = this.requireModel();
    // A regular file inside the backup folder only; every byte checked before a tensor exists.
    const data = await readRegularFile(file, {
      root: this.backupDir,
      what: 'BackupAndRestore: backup',
    });
    const { header, offset } = decodeBackupHeader(file, data);
    const { weights, optimizer } = backupTensors(data, header, offset);
    try {
      model.setWeights(weights);
      if (optimizer.length > 0) model.optimizer?.setWeights(optimizer);
    } finally {
      tf.dispose(weights);
      tf.dispose(optimizer.map((w) => w.tensor));
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
    let parts: BackupPart[];
    let optimizerParts: BackupPart[];
    try {
      parts = weights.map((w) => tensorPart(w));
      optimizerParts = optimizerWeights.map((w) => tensorPart(w.tensor, w.name));
    } finally {
      tf.dispose(weights);
      tf.dispose(optimizerWeights.map((w) => w.tensor));
    }
    await mkdir(this.backupDir, { recursive: true });
    // Temporary, fsync, rename, fsync folder; leftovers of a killed run's writes are removed.
    await writeFileAtomic(
      join(this.backupDir, FILE),
      encodeBackup(epoch + 1, parts, optimizerParts, {
        global: tf.getRandomState(),
        shuffle: model.trainingRandom?.getState(),
      }),
    );
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
