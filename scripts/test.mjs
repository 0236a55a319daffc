#!/usr/bin/env node
// `pnpm test`: build, typecheck and lint side by side (each TypeScript pass in one process, see
// compile.mjs; their output printed as each ends), then every test file in one vitest run (one
// worker per core, all projects sharing the pool, so small packages cost no start-up of their
// own), then the publish checks on the packed tarballs. Every step runs even when an earlier one
// fails; the exit code says whether all passed.
import { spawn } from 'node:child_process';
import { bin, cores, root } from './lib/workspace.mjs';

const node = process.execPath;
const steps = [
  [
    ['build', node, ['scripts/compile.mjs', '--build-only']],
    ['typecheck', node, ['scripts/compile.mjs', '--typecheck-only']],
    ['lint', bin('biome'), ['check', 'packages', 'apps']],
  ],
  [['unit and browser tests', bin('vitest'), ['run', '--config', 'vitest.config.ts']]],
  [['publish checks', node, ['scripts/check-packages.mjs']]],
];

/** Runs one command; alone it prints as it goes, beside others its output waits for its end. */
function run([label, file, args], alone) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, stdio: alone ? 'inherit' : 'pipe' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    let finished = false;
    // A command that cannot start reports 'error' and then 'close': print it once.
    const finish = (ok) => {
      if (finished) return;
      finished = true;
      process.stdout.write(Buffer.concat(output));
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`\n${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s, ${cores} cores)\n`);
      resolve(ok ? undefined : label);
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      finish(false);
    });
    child.on('close', (status) => finish(status === 0));
  });
}

const failed = [];
for (const group of steps) {
  const results = await Promise.all(group.map((command) => run(command, group.length === 1)));
  failed.push(...results.filter((label) => label !== undefined));
}
if (failed.length > 0) {
  console.error(`pnpm test: failed: ${failed.join(', ')}`);
  process.exit(1);
}
