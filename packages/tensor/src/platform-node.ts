import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BackendCandidate, isModuleNotFound } from './backend.js';

/**
 * Imports an optional package. Under pnpm's strict layout a package the application installed
 * is invisible from this package's folder, so a miss is retried from the working directory.
 * The specifier goes through a variable so bundlers leave it alone.
 */
export async function importOptional(
  specifier: string,
  from: string = process.cwd(),
): Promise<unknown> {
  try {
    return await import(/* @vite-ignore */ specifier);
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    let resolved: string;
    try {
      resolved = createRequire(join(from, 'package.json')).resolve(specifier);
    } catch {
      throw error;
    }
    return import(/* @vite-ignore */ pathToFileURL(resolved).href);
  }
}

const optional = (specifier: string) => () => importOptional(specifier);

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
      // Ahead of wasm: with its native element-wise and Adam kernels it trains the book model
      // 1.3× (batch 32) to 2.2× (batch 512) faster than wasm on 2 cores. See BENCHMARKS.md.
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
