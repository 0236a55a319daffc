#!/usr/bin/env node
// `pnpm test`: build, typecheck and lint through turbo with one task per core, then every test
// file in one vitest run (one worker per core, all projects sharing the pool, so small packages
// cost no start-up of their own), then the publish checks on the packed tarballs. Every step
// runs even when an earlier one fails; the exit code says whether all passed.
import { spawnSync } from 'node:child_process';
import { bin, cores, root } from './lib/workspace.mjs';

const steps = [
  [
    'build, typecheck, lint',
    bin('turbo'),
    ['run', 'build', 'typecheck', 'lint', '--continue', `--concurrency=${cores}`],
  ],
  ['unit and browser tests', bin('vitest'), ['run', '--config', 'vitest.config.ts']],
  ['publish checks', process.execPath, ['scripts/check-packages.mjs']],
];

const failed = [];
for (const [label, file, args] of steps) {
  const started = performance.now();
  const { status, error } = spawnSync(file, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const ok = status === 0 && error === undefined;
  console.log(`\n${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s, ${cores} cores)\n`);
  if (!ok) failed.push(label);
}
if (failed.length > 0) {
  console.error(`pnpm test: failed: ${failed.join(', ')}`);
  process.exit(1);
}
