export { downloadVerified, type FetchLike, sha256Hex } from './download.js';
export { FASHION_MNIST, loadFashionMnist } from './fashion-mnist.js';
export {
  DatasetNotFoundError,
  defaultCacheDir,
  type IdxDatasetSpec,
  type IdxFileSpec,
  type ImageDataset,
  type ImageSplitArrays,
  type ImageSplitTensors,
  type LoadIdxDatasetOptions,
  loadIdxDataset,
} from './idx-dataset.js';
export { isGzip, readIdxFile } from './idx-file.js';
export { loadMnist, MNIST } from './mnist.js';
