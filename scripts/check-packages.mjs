#!/usr/bin/env node
// Packs every public package (discovered under packages/) and checks each tarball with publint
// and attw, both run from the workspace's own installs. Part of `pnpm test`; needs `pnpm build`
// first. `scripts/check-consumer.mjs` goes on to install the tarballs as a user would.
// Usage: node scripts/check-packages.mjs
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCheckRun } from './lib/check-run.mjs';
import { packAll } from './lib/pack.mjs';
import { bin, cores, root } from './lib/workspace.mjs';

/** Runs a command; resolves with its stdout, rejects with `stdout` on the error. */
const runAsync = (file, args) =>
  promisify(execFile)(file, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });

const { scratch, fail, elapsed, cleanUp, report } = startCheckRun('check-packages');

try {
  // 1. Tarballs, then publint and attw on each, `cores` checks at a time.
  const packed = packAll(mkdtempSync(join(scratch, 'tarballs-')));
  const queue = [...packed];
  const check = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, { tarball }] = next;
      try {
        await runAsync(bin('publint'), ['--strict', tarball]);
        await runAsync(bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', tarball]);
        console.log(`ok   ${name}: publint, attw`);
      } catch (error) {
        fail(`${name}: publint/attw\n${error.stdout ?? ''}${error.stderr || error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: cores }, check));
  console.log(`packed and checked ${packed.size} packages (${elapsed()})`);
} finally {
  cleanUp();
}
report();
