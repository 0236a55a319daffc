import type { BackendCandidate } from './backend.js';

// Optional packages are imported through a variable so bundlers leave them alone.
const optional = (specifier: string) => () => import(/* @vite-ignore */ specifier);

/** Node's backends, best first. The WebGL backend is never loaded here. */
export function platformCandidates(): BackendCandidate[] {
  return [
    {
      name: 'tensorflow-gpu',
      tfName: 'tensorflow',
      module: '@tensorflow/tfjs-node-gpu',
      auto: true,
      load: optional('@tensorflow/tfjs-node-gpu'),
    },
    {
      name: 'tensorflow',
      tfName: 'tensorflow',
      module: '@tensorflow/tfjs-node',
      auto: true,
      load: optional('@tensorflow/tfjs-node'),
    },
    {
      name: 'native',
      tfName: 'dendrite-native',
      module: '@dendrite/backend-native',
      auto: true,
      load: async () => {
        const native = (await optional('@dendrite/backend-native')()) as {
          registerNativeBackend?: () => void;
        };
        native.registerNativeBackend?.();
      },
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
export const platform = 'node' as const;
