export {
  describeFileKind,
  type ReadRegularFileOptions,
  type RegularFileInfo,
  readRegularFile,
  statRegularFile,
} from './read-regular-file.js';
export {
  isProcessAlive,
  removeStaleTemporaries,
  syncFolder,
  temporaryName,
  temporaryPrefix,
  type WriteFileAtomicOptions,
  writeDurable,
  writeFileAtomic,
} from './write-file-atomic.js';
