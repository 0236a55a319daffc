import { platform as currentPlatform, platformCandidates } from '#platform';
import {
  type BackendCandidate,
  type BackendChoice,
  type BackendName,
  type SelectBackendOptions,
  selectBackend,
} from './backend.js';

/** Options of {@link useBackend}. */
export interface UseBackendOptions extends SelectBackendOptions {
  /** Replaces the platform's candidate list (tests inject fake modules here). */
  readonly candidates?: readonly BackendCandidate[];
}

/**
 * Starts a backend and makes it the active one. In Node `'auto'` tries tfjs-node-gpu,
 * tfjs-node, Dendrite's OpenBLAS backend (`'native'`, when `@dendrite/backend-native` is installed and
 * built), wasm, then cpu; in a browser WebGL, wasm, then cpu
 * (WebGPU only by name). Logs and returns one line saying which runs and why the ones
 * before it were skipped.
 * @example const { name } = await useBackend('auto');
 */
export function useBackend(
  preference: BackendName = 'auto',
  options: UseBackendOptions = {},
): Promise<BackendChoice> {
  return selectBackend(preference, options.candidates ?? platformCandidates(), options);
}

/** The platform this build targets: `'node'`, or `'browser'` under a bundler's browser condition. */
export const platform: 'node' | 'browser' = currentPlatform;
