export {
  describeFileKind,
  type ReadRegularFileOptions,
  readRegularFile,
} from './read-regular-file.js';
export {
  removeStaleTemporaries,
  syncFolder,
  temporaryName,
  temporaryPrefix,
  writeDurable,
  writeFileAtomic,
} from './write-file-atomic.js';
