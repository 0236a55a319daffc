import { type IdxDatasetLoader, type IdxDatasetSpec, idxDatasetLoader } from './idx-dataset.js';

/**
 * MNIST handwritten digits: 60,000 + 10,000 images of 28 x 28, classes '0'..'9'. SHA-256 values
 * are those of the standard `.gz` files (as pinned by TensorFlow Datasets and others). Keras'
 * `~/.keras/datasets/mnist.npz` is a NumPy archive, not IDX, so it is not searched.
 */
export const MNIST: IdxDatasetSpec = Object.freeze({
  name: 'mnist',
  title: 'MNIST',
  files: {
    trainImages: {
      fileName: 'train-images-idx3-ubyte.gz',
      sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    },
    trainLabels: {
      fileName: 'train-labels-idx1-ubyte.gz',
      sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    },
    testImages: {
      fileName: 't10k-images-idx3-ubyte.gz',
      sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    },
    testLabels: {
      fileName: 't10k-labels-idx1-ubyte.gz',
      sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    },
  },
  mirrors: [
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
  ],
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  systemFolders: [
    {
      path: '/usr/share/datasets/mnist',
      install: 'a Debian MNIST dataset package if your release has one',
    },
  ],
});

/**
 * Loads MNIST (Node only), like {@link loadFashionMnist}: `folder`, then
 * `$DENDRITE_DATA_DIR/mnist` (default `~/.cache/dendrite/datasets/mnist`), then
 * `/usr/share/datasets/mnist`, then a verified download into the user cache.
 * @example
 * const { train } = await loadMnist({ asTensors: true }); // train.images: [60000, 28, 28]
 */
export const loadMnist: IdxDatasetLoader = idxDatasetLoader(MNIST);
