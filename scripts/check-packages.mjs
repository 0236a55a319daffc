#!/usr/bin/env node
// Packs every publishable package, checks each tarball with publint and attw, then installs
// one packed package into a scratch project outside the workspace with npm and imports it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'dendrite-pack-'));
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => {
    try {
      return !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private;
    } catch {
      return false;
    }
  });

const tarballs = new Map();
let failures = 0;
for (const dir of packages) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const before = new Set(readdirSync(out));
  run('pnpm', ['pack', '--pack-destination', out], dir);
  const tarball = readdirSync(out).find((file) => !before.has(file));
  tarballs.set(name, join(out, tarball));
  try {
    run('pnpm', ['exec', 'publint', '--strict', join(out, tarball)]);
    run('pnpm', ['exec', 'attw', '--profile', 'esm-only', '--format', 'ascii', join(out, tarball)]);
    console.log(`ok   ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}\n${error.stdout ?? error.message}`);
  }
}

// A user installing one package with npm, outside the workspace.
const scratch = mkdtempSync(join(tmpdir(), 'dendrite-user-'));
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarballs.get('@dendrite/tensor'), '@tensorflow/tfjs-core@4.22.0'], scratch);
writeFileSync(
  join(scratch, 'check.js'),
  [
    "import * as tf from '@dendrite/tensor';",
    "const choice = await tf.useBackend('wasm', { log: false });",
    'const g = tf.grad((x) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2, 3]));',
    "if (choice.name !== 'wasm' || g.dataSync().join() !== '2,4,6') throw new Error('unexpected: ' + choice.name + ' ' + g.dataSync());",
    "console.log('scratch install ok: ' + choice.message + ', grad = ' + g.dataSync().join());",
  ].join('\n'),
);
console.log(run('node', ['check.js'], scratch).trim());
rmSync(scratch, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
if (failures > 0) {
  console.error(`${failures} package(s) failed the publish checks`);
  process.exit(1);
}
console.log(`${packages.length} passed, 0 failed`);
