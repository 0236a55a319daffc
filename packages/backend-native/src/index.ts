export type { NativeAddon } from './addon.js';
export {
  type NativeBackendOptions,
  nativeBackendName,
  nativeKernelNames,
  registerNativeBackend,
} from './register-native-backend.js';
