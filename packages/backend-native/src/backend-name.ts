/** The name the backend registers with tfjs-core: `tf.setBackend(nativeBackendName)`. */
export const nativeBackendName = 'dendrite-native';
