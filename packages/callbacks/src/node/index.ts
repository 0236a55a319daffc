export { crc32c, maskedCrc32c } from '../tensorboard/crc32c.js';
export {
  encodeFileVersionEvent,
  encodeScalarEvent,
  frameRecord,
} from '../tensorboard/event-encoding.js';
export {
  BackupAndRestore,
  type BackupAndRestoreArgs,
  backupAndRestore,
} from './backup-and-restore.js';
export { CsvLogger, type CsvLoggerArgs, csvLogger } from './csv-logger.js';
export { TensorBoard, type TensorBoardArgs, tensorBoard } from './tensor-board.js';
