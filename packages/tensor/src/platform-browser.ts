import type { BackendCandidate } from './backend.js';
import { portableCandidates } from './portable-candidates.js';

/** Browser backends, best first; WebGPU only when asked for by name. */
export function platformCandidates(): BackendCandidate[] {
  return [
    {
      name: 'webgpu',
      priority: 30,
      tfName: 'webgpu',
      module: '@tensorflow/tfjs-backend-webgpu',
      auto: false,
      load: () => import('@tensorflow/tfjs-backend-webgpu'),
    },
    {
      name: 'webgl',
      priority: 25,
      tfName: 'webgl',
      module: '@tensorflow/tfjs-backend-webgl',
      auto: true,
      load: () => import('@tensorflow/tfjs-backend-webgl'),
    },
    ...portableCandidates(),
  ];
}

/** Which platform this build of the package targets. */
export const platform = 'browser' as const;

/** Imports an optional package (in a browser bundle: a plain dynamic import). */
export function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier);
}
