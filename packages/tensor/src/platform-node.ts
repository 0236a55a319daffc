import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BackendCandidate, isModuleNotFound } from './backend.js';
import { portableCandidates } from './portable-candidates.js';
import { nodeWebGpuCandidate } from './webgpu-node.js';

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

/**
 * Node's own backends, best first; packages above this one add theirs with
 * `registerBackendCandidate` (the `dendrite` Node entry adds `'native'` at priority 20, between
 * WebGPU and wasm). The WebGL backend is never loaded here.
 */
export function platformCandidates(): BackendCandidate[] {
  return [
    {
      name: 'tensorflow-gpu',
      priority: 50,
      tfName: 'tensorflow',
      module: '@tensorflow/tfjs-node-gpu',
      auto: true,
      load: optional('@tensorflow/tfjs-node-gpu'),
    },
    {
      name: 'tensorflow',
      priority: 40,
      tfName: 'tensorflow',
      module: '@tensorflow/tfjs-node',
      auto: true,
      load: optional('@tensorflow/tfjs-node'),
    },
    nodeWebGpuCandidate({
      importDawn: optional('webgpu'),
      importBackend: () => import('@tensorflow/tfjs-backend-webgpu'),
    }),
    ...portableCandidates(),
  ];
}

/** Which platform this build of the package targets. */
export const platform = 'node' as const;
