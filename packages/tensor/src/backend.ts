import * as tf from '@tensorflow/tfjs-core';
import { BackendError, configMessage } from './errors.js';

/** The names `useBackend` accepts. */
export type BackendName =
  | 'auto'
  | 'tensorflow-gpu'
  | 'tensorflow'
  | 'native'
  | 'webgpu'
  | 'webgl'
  | 'wasm'
  | 'cpu';

/** One backend that may be started: how to load its module and the name tfjs knows it by. */
export interface BackendCandidate {
  /** Dendrite's name for it. */
  readonly name: Exclude<BackendName, 'auto'>;
  /** The name the backend registers with tfjs-core (`'tensorflow'` for both tfjs-node flavours). */
  readonly tfName: string;
  /** The package that provides it, shown in messages. */
  readonly module: string;
  /** Whether `'auto'` may pick it (WebGPU in browsers is only used when asked for). */
  readonly auto: boolean;
  /** Imports the module, which registers the backend; rejects when it is missing or broken. */
  load(): Promise<unknown>;
  /**
   * Place in the platform's list when it comes from {@link registerBackendCandidate}: higher is
   * tried first (tfjs-node-gpu 50, tfjs-node 40, WebGPU 30, native 20, wasm 10, cpu 0).
   */
  readonly priority?: number;
  /** How to get this backend running, repeated in the notice when `'auto'` had to skip it. */
  readonly hint?: string;
  /** Run after `load` under `'auto'` only: a returned string is the reason to skip it. */
  checkForAuto?(): Promise<string | undefined>;
  /** What it runs on once started (e.g. the GPU adapter), shown in the notice. */
  describe?(): string | undefined;
}

/** What {@link useBackend} chose and why. */
export interface BackendChoice {
  /** Dendrite's name of the running backend. */
  readonly name: Exclude<BackendName, 'auto'>;
  /** The tfjs-core backend name now active. */
  readonly tfName: string;
  /** The backends tried before it, each with the reason it was skipped. */
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
  /**
   * The one-line notice: the backend, what it runs on, and how to get a faster one that was
   * skipped, e.g. `Dendrite backend: webgpu on NVIDIA H100 (nvidia, vulkan)`.
   */
  readonly message: string;
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Where the one-line notice goes. @defaultValue `console.info`; `false` to stay silent. */
  readonly log?: ((line: string) => void) | false;
}

let lastChoice: BackendChoice | undefined;

/**
 * The latest choice of {@link selectBackend} (and so of `useBackend`), with every skipped
 * backend and the reason it was skipped; `undefined` before the first. The notice is one short
 * line; this is where the details stay.
 * @example console.log(backendChoice()?.skipped);
 */
export function backendChoice(): BackendChoice | undefined {
  return lastChoice;
}

/** True for the error Node (or a bundler's loader) throws for a package that is not installed. */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (package|module)|Could not resolve|Failed to resolve/.test(message)
  );
}

function reasonOf(error: unknown, module: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (isModuleNotFound(error) && message.includes(module)) {
    return `${module} is not installed`;
  }
  return `${module} failed to load: ${message.split('\n')[0]}`;
}

async function start(candidate: BackendCandidate, auto: boolean): Promise<string | undefined> {
  try {
    await candidate.load();
    if (auto && candidate.checkForAuto) {
      const refusal = await candidate.checkForAuto();
      if (refusal !== undefined) return refusal;
    }
  } catch (error) {
    return reasonOf(error, candidate.module);
  }
  if (tf.findBackendFactory(candidate.tfName) === null) {
    return `${candidate.module} loaded but registered no '${candidate.tfName}' backend`;
  }
  try {
    const ok = await tf.setBackend(candidate.tfName);
    return ok ? undefined : `${candidate.module} could not initialize`;
  } catch (error) {
    return `${candidate.module} could not initialize: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Starts the preferred backend from `candidates`. With `'auto'`, tries them in order and
 * keeps the first that starts; a named backend that cannot start is an error, never a
 * silent fallback. Exposed so platforms and tests can pass their own candidate lists.
 */
export async function selectBackend(
  preference: BackendName,
  candidates: readonly BackendCandidate[],
  options: SelectBackendOptions = {},
): Promise<BackendChoice> {
  const known = candidates.map((candidate) => candidate.name);
  if (preference !== 'auto' && !known.includes(preference)) {
    throw new BackendError(
      configMessage(
        'useBackend',
        'name',
        `'auto' or one of ${known.map((n) => `'${n}'`).join(', ')} on this platform`,
        preference,
      ),
    );
  }
  const tried = candidates.filter((candidate) =>
    preference === 'auto' ? candidate.auto : candidate.name === preference,
  );
  const skipped: Array<{ name: string; reason: string }> = [];
  const hints: string[] = [];
  for (const candidate of tried) {
    const failure = await start(candidate, preference === 'auto');
    if (failure === undefined) {
      const on = candidate.describe?.();
      const faster = hints.length > 0 ? ` (faster: ${hints[0]})` : '';
      const message = `Dendrite backend: ${candidate.name}${on ? ` on ${on}` : ''}${faster}`;
      if (options.log !== false) (options.log ?? console.info)(message);
      lastChoice = { name: candidate.name, tfName: candidate.tfName, skipped, message };
      return lastChoice;
    }
    skipped.push({ name: candidate.name, reason: failure });
    if (candidate.hint !== undefined) hints.push(candidate.hint);
  }
  const detail = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new BackendError(
    preference === 'auto'
      ? `useBackend: no backend could start (${detail})`
      : `useBackend: backend '${preference}' could not start: ${detail}`,
  );
}
