/**
 * The Node entry of `dendrite`: everything of the shared namespace, plus `file://` save/load
 * (`model.save('file://./my-model')`, `loadModel('file://./my-model/model.json')`),
 * `data.loadFashionMnist` / `data.loadMnist`, and the `csvLogger`, `tensorBoard` and
 * `backupAndRestore` callbacks; plain paths and Keras files (`loadModel('best-model.keras')`,
 * `model.save('model.keras')`), and `convertModel` (the `dendrite convert` command).
 * @example
 * import * as dd from 'dendrite';
 * const { train, test } = await dd.data.loadFashionMnist();
 */
import { registerModelFormat } from '@dendrite/models';
import { registerFileSystem } from '@dendrite/models/node';
import { lazyKerasFormat } from './keras-format.js';
import { registerNodeBackends } from './node-backends.js';

export { fileSystem } from '@dendrite/models/node';
export { convertModel } from './convert.js';
export * from './index.js';
export * as callbacks from './node-callbacks.js';
export * as data from './node-data.js';

// The side effects of the Node entry: `file://` URLs and plain paths go to the file system,
// Keras files (.keras, .h5) to @dendrite/keras-io (imported only when one is used), and the
// native backend (when installed) is offered to `useBackend`.
registerFileSystem();
registerModelFormat(lazyKerasFormat);
registerNodeBackends();
