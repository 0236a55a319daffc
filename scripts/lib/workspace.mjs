// Shared by the repo scripts: the workspace root, its public packages (discovered, not listed),
// and how to call pnpm and the root's tools without relying on them being on PATH (under
// `npx -y pnpm@10 test`, `pnpm` itself is not, which made publint fail with `spawn pnpm ENOENT`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '..', '..');

/** CPU cores this process may use. */
export const cores = Math.max(1, availableParallelism());

/** Every folder under `packages/` with a package.json that is not private, with its manifest. */
export function publicPackages() {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'packages', entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/**
 * The command that runs pnpm: the pnpm that started this script (`npm_execpath`) when there is
 * one, else `pnpm` from PATH.
 * @returns `[file, leadingArgs]` for `execFileSync`/`spawn`.
 */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm(\.c?js)?$/.test(execPath) && existsSync(execPath)) {
    return execPath.endsWith('js') ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ['pnpm', []];
}

/** The path of a root dev tool's executable (`node_modules/.bin/<name>`). */
export function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

/** Runs a command, returns its stdout; stderr goes to ours. Throws on a non-zero exit. */
export function run(file, args, options = {}) {
  return execFileSync(file, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
}

/** Runs pnpm with `args` (see {@link pnpmCommand}). */
export function pnpm(args, options = {}) {
  const [file, lead] = pnpmCommand();
  return run(file, [...lead, ...args], options);
}
