import type { BackendCandidate } from './backend.js';

/** Browser backends, best first; WebGPU only when asked for by name. */
export function platformCandidates(): BackendCandidate[] {
  return [
    {
      name: 'webgpu',
      tfName: 'webgpu',
      module: '@tensorflow/tfjs-backend-webgpu',
      auto: false,
      load: () => import('@tensorflow/tfjs-backend-webgpu'),
    },
    {
      name: 'webgl',
      tfName: 'webgl',
      module: '@tensorflow/tfjs-backend-webgl',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-webgl'),
    },
    {
      name: 'wasm',
      tfName: 'wasm',
      module: '@tensorflow/tfjs-backend-wasm',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-wasm'),
    },
    {
      name: 'cpu',
      tfName: 'cpu',
      module: '@tensorflow/tfjs-backend-cpu',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-cpu'),
    },
  ];
}

/** Which platform this build of the package targets. */
export const platform = 'browser' as const;
