import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The package folder, where a child process finds `build/Release` and `node_modules`. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** What a child Node process did: its exit code or the signal that ended it, and its output. */
export interface ChildResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs CommonJS `source` in a fresh Node process from the package folder, killing it after
 * `timeoutMs`: an abort (signal 6) or a hang shows up as a signal instead of taking the test
 * runner down.
 */
export function runChild(source: string, timeoutMs = 60_000): ChildResult {
  const result = spawnSync(process.execPath, ['-e', source], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
}
