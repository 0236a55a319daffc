import type * as tf from '@dendrite/tensor';
import { nativeBackendName, registerNativeBackend } from './register-native-backend.js';

/**
 * This backend as a `useBackend` candidate: `'native'`, tried by `'auto'` after WebGPU and before
 * wasm (priority 20). The `dendrite` Node entry registers it for you; with `@dendrite/tensor`
 * alone, register it yourself.
 * @example
 * tf.registerBackendCandidate(nativeBackendCandidate);
 * await tf.useBackend('auto'); // Dendrite backend: native
 */
export const nativeBackendCandidate: tf.BackendCandidate = Object.freeze({
  name: 'native',
  tfName: nativeBackendName,
  module: '@dendrite/backend-native',
  auto: true,
  priority: 20,
  load: async () => registerNativeBackend(),
});
