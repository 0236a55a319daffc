import {
  platform as currentPlatform,
  platformCandidates,
  importOptional as platformImport,
} from '#platform';
import {
  type BackendCandidate,
  type BackendChoice,
  type BackendName,
  type SelectBackendOptions,
  selectBackend,
} from './backend.js';
import { mergeCandidates } from './backend-registry.js';

/** Options of {@link useBackend}. */
export interface UseBackendOptions extends SelectBackendOptions {
  /** Replaces the platform's and the registered candidates (tests inject fake modules here). */
  readonly candidates?: readonly BackendCandidate[];
}

/**
 * Starts a backend and makes it the active one. In Node `'auto'` tries tfjs-node-gpu,
 * tfjs-node, WebGPU on a real GPU (with the `webgpu` package installed), the candidates other
 * packages registered (`'native'`, registered by the `dendrite` Node entry), wasm, then cpu; in a
 * browser WebGL, wasm, then cpu (WebGPU only by name). Logs one short line saying which runs;
 * the returned choice (and {@link backendChoice}) lists why the ones before it were skipped.
 * @example const { name } = await useBackend('auto');
 */
export function useBackend(
  preference: BackendName = 'auto',
  options: UseBackendOptions = {},
): Promise<BackendChoice> {
  return selectBackend(
    preference,
    options.candidates ?? mergeCandidates(platformCandidates()),
    options,
  );
}

/** The platform this build targets: `'node'`, or `'browser'` under a bundler's browser condition. */
export const platform: 'node' | 'browser' = currentPlatform;

/**
 * Imports a package the application may have installed (resolved from the application on Node,
 * by the bundler in browsers); rejects when it is absent.
 */
export function importOptional(specifier: string): Promise<unknown> {
  return platformImport(specifier);
}
