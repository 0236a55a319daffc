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
