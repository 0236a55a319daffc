import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** What one child reported: its JSON line, or how it ended without one. */
export interface ChildOutcome {
  readonly ok?: boolean;
  readonly name?: string;
  readonly message?: string;
  readonly leaked?: number;
  readonly peakRssMiB?: number;
  readonly ms?: number;
  readonly timedOut: boolean;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * Bundles child.ts (sources, not builds: the `@dendrite/source` condition) into one file that
 * plain `node` runs in well under a second, so each case can afford its own process.
 */
export async function bundleChild(): Promise<{ file: string; cleanup(): void }> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'dendrite-hostile-'));
  const file = join(dir, 'child.mjs');
  await build({
    entryPoints: [join(here, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: file,
    conditions: ['@dendrite/source'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the bundled child with `args`; the caller waits on or kills the returned process. */
export function startChild(bundle: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs one case to its end or to `timeoutMs` (then SIGKILL: a hang is a failure, not a stuck run). */
export function runChild(
  bundle: string,
  args: string[],
  timeoutMs = 20_000,
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = startChild(bundle, args);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      let report: Partial<ChildOutcome> = {};
      try {
        report = JSON.parse(line);
      } catch {
        // no report: the outcome below says why
      }
      resolve({ ...report, timedOut, code, signal, stderr });
    });
  });
}

/** Waits until the child prints `ready`. */
export function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('ready')) resolve();
    });
    child.on('exit', (code, signal) => reject(new Error(`child ended early (${code ?? signal})`)));
  });
}

/** Runs `tasks` with at most `limit` at once (the machine has 2 cores, shared). */
export async function pooled<T>(tasks: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Kill delays after `ready`, in ms: deterministic, spread over 0–140 ms (several writes). */
const killDelay = (trial: number) => (trial * 37) % 141;

/**
 * Starts a `save-loop` or `backup-loop` child on `folder`, waits until it is writing, and
 * SIGKILLs it at a moment that depends on `trial`. Resolves with the signal it died of.
 */
export async function killDuring(
  bundle: string,
  kind: 'save-loop' | 'backup-loop',
  folder: string,
  trial: number,
): Promise<NodeJS.Signals | null> {
  const child = startChild(bundle, [kind, folder]);
  const ended = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_, signal) => resolve(signal)),
  );
  await whenReady(child);
  await new Promise((resolve) => setTimeout(resolve, killDelay(trial)));
  child.kill('SIGKILL');
  return ended;
}

/** The bundled child and a scratch folder of one test file. */
export interface ChildHarness {
  /** The scratch folder, made now and removed after the file's tests. */
  readonly work: string;
  /** The bundled child script (bundled before the file's tests). */
  file(): string;
}

/**
 * Bundles the child before the test file's tests and makes a scratch folder; removes both
 * after them. Call it once at the top of the file, before its own `beforeAll`.
 */
export function childHarness(prefix: string): ChildHarness {
  let bundle: { file: string; cleanup(): void } | undefined;
  const work = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(async () => {
    bundle = await bundleChild();
  });
  afterAll(() => {
    bundle?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });
  return {
    work,
    file: () => {
      if (!bundle) throw new Error('childHarness: the child is bundled in beforeAll');
      return bundle.file;
    },
  };
}
