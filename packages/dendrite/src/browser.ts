/**
 * The browser entry of `dendrite`: the shared namespace. tfjs-core routes `indexeddb://`,
 * `localstorage://` and `downloads://` for `model.save` / `loadModel`, and `useBackend('auto')`
 * picks WebGL, then wasm, then cpu.
 * @example
 * import * as dd from 'dendrite';
 * await dd.useBackend('auto');
 * await model.save('indexeddb://fashion');
 */
export * from './index.js';

import { registerModelFormat } from '@dendrite/models';
import { lazyKerasFormat } from './keras-format.js';

// The one side effect of the browser entry: `loadModel(file)` reads Keras files (a File, Blob,
// bytes or http(s) URL), importing @dendrite/keras-io only when one is used.
registerModelFormat(lazyKerasFormat);
