export { downloadVerified, type FetchLike, sha256Hex } from './download.js';
export { FASHION_MNIST, loadFashionMnist } from './fashion-mnist.js';
export {
  DatasetNotFoundError,
  defaultCacheDir,
  type IdxDatasetLoader,
  type IdxDatasetSpec,
  type IdxFileSpec,
  type ImageDataset,
  type ImageSplitArrays,
  type ImageSplitTensors,
  idxDatasetLoader,
  type LoadIdxDatasetOptions,
  loadIdxDataset,
} from './idx-dataset.js';
export { isGzip, readIdxFile } from './idx-file.js';
export { loadMnist, MNIST } from './mnist.js';
