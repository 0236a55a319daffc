export type { NativeAddon } from './addon.js';
export { nativeBackendCandidate } from './native-candidate.js';
export {
  type NativeBackendOptions,
  nativeBackendName,
  nativeKernelNames,
  registerNativeBackend,
} from './register-native-backend.js';
