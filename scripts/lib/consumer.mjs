// A user's project outside the workspace: installs packed tarballs with npm and measures what a
// Node install of `dendrite` weighs and what a browser bundle of it pulls in.
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { run } from './workspace.mjs';

/** npm, quiet, with the user's answers fixed (no prompts, no audit). */
export function npm(args, cwd) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });
}

/** Creates an empty ESM project in `dir`. */
export function createProject(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'dendrite-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  return dir;
}

/** Bytes of every file under `dir` (apparent sizes; links counted once, not followed). */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else total += lstatSync(path).size;
  }
  return total;
}

/** Bytes under each top-level package of `node_modules` (scoped names included), largest first. */
export function packageBytes(nodeModules) {
  const sizes = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const inner of readdirSync(path, { withFileTypes: true })) {
        if (inner.isDirectory())
          sizes.push([`${entry.name}/${inner.name}`, folderBytes(join(path, inner.name))]);
      }
    } else sizes.push([entry.name, folderBytes(path)]);
  }
  return sizes.sort((a, b) => b[1] - a[1]);
}

/** `12.3 MB` (decimal megabytes, as npm prints them). */
export const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

const NODE_BUILTIN =
  /^node:|^(assert|buffer|child_process|crypto|events|fs|http|https|module|net|os|path|perf_hooks|process|stream|string_decoder|tls|url|util|worker_threads|zlib)(\/.*)?$/;

/**
 * Bundles `source` for browsers with esbuild (code splitting, minified) from `dir`, and lists
 * every Node built-in it would import, with the importing file.
 * @returns `{ bytes, mainBytes, nodeImports, inputs }`.
 */
export async function browserBundle(dir, source) {
  const nodeImports = [];
  const outdir = join(dir, 'bundle');
  const result = await build({
    stdin: { contents: source, resolveDir: dir, sourcefile: 'app.js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outdir,
    metafile: true,
    logLevel: 'error',
    plugins: [
      {
        name: 'record-node-builtins',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: NODE_BUILTIN }, (args) => {
            nodeImports.push(`${args.path} (from ${args.importer})`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'));
  return {
    bytes: outputs.reduce((sum, [, output]) => sum + output.bytes, 0),
    mainBytes: outputs.find(([, output]) => output.entryPoint !== undefined)?.[1].bytes ?? 0,
    nodeImports,
    inputs: Object.keys(result.metafile.inputs),
  };
}
