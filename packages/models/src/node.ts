export {
  type FileSystemOptions,
  fileSystem,
  registerFileSystem,
  safeWeightPath,
} from './io/file-handler.js';
