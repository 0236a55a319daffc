import { type IdxDatasetLoader, type IdxDatasetSpec, idxDatasetLoader } from './idx-dataset.js';

/** Fashion-MNIST (Zalando Research, MIT license): 60,000 + 10,000 images of 28 x 28, 10 classes. */
export const FASHION_MNIST: IdxDatasetSpec = Object.freeze({
  name: 'fashion-mnist',
  title: 'Fashion-MNIST',
  files: {
    trainImages: {
      fileName: 'train-images-idx3-ubyte.gz',
      sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
    },
    trainLabels: {
      fileName: 'train-labels-idx1-ubyte.gz',
      sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
    },
    testImages: {
      fileName: 't10k-images-idx3-ubyte.gz',
      sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
    },
    testLabels: {
      fileName: 't10k-labels-idx1-ubyte.gz',
      sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
    },
  },
  mirrors: [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://storage.googleapis.com/tensorflow/tf-keras-datasets/',
  ],
  classNames: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
  kerasFolder: 'fashion-mnist',
  systemFolders: [
    {
      path: '/usr/share/datasets/fashion-mnist',
      install: '`apt-get install dataset-fashion-mnist` (Debian)',
    },
  ],
});

/**
 * Loads Fashion-MNIST (Node only). Searches `folder`, then `$DENDRITE_DATA_DIR/fashion-mnist`
 * (default `~/.cache/dendrite/datasets/fashion-mnist`), then Keras' `~/.keras/datasets/fashion-mnist`,
 * then Debian's `/usr/share/datasets/fashion-mnist`, and finally downloads into the user cache,
 * checking the published SHA-256 of each file.
 *
 * By default returns `Uint8Array` images (`shape` `[n, 28, 28]`) and labels; with
 * `{asTensors: true}` float32 `[n, 28, 28]` images scaled to [0, 1] (unless `normalize: false`)
 * and int32 labels, owned by the caller.
 * @example
 * const { train, test, classNames } = await loadFashionMnist({ asTensors: true });
 */
export const loadFashionMnist: IdxDatasetLoader = idxDatasetLoader(FASHION_MNIST);
