/**
 * The Node entry of `dendrite`: everything of the shared namespace, plus `file://` save/load
 * (`model.save('file://./my-model')`, `loadModel('file://./my-model/model.json')`),
 * `data.loadFashionMnist` / `data.loadMnist`, and the `csvLogger`, `tensorBoard` and
 * `backupAndRestore` callbacks.
 * @example
 * import * as dd from 'dendrite';
 * const { train, test } = await dd.data.loadFashionMnist();
 */
import { registerFileSystem } from '@dendrite/models/node';
import { registerNodeBackends } from './node-backends.js';

export { fileSystem } from '@dendrite/models/node';
export * from './index.js';
export * as callbacks from './node-callbacks.js';
export * as data from './node-data.js';

// The side effects of the Node entry: routes `file://` URLs to the file-system handler, and
// offers the native backend (when installed) to `useBackend`.
registerFileSystem();
registerNodeBackends();
