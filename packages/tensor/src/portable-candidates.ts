import type { BackendCandidate } from './backend.js';

/** The wasm and cpu backends, the same on every platform: the last resorts of `'auto'`. */
export function portableCandidates(): BackendCandidate[] {
  return [
    {
      name: 'wasm',
      priority: 10,
      tfName: 'wasm',
      module: '@tensorflow/tfjs-backend-wasm',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-wasm'),
    },
    {
      name: 'cpu',
      priority: 0,
      tfName: 'cpu',
      module: '@tensorflow/tfjs-backend-cpu',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-cpu'),
    },
  ];
}
