#!/usr/bin/env node
// Packs every public package (discovered under packages/) and checks each tarball with publint
// and attw, both run from the workspace's own installs. Part of `pnpm test`; needs `pnpm build`
// first. `scripts/check-consumer.mjs` goes on to install the tarballs as a user would.
// Usage: node scripts/check-packages.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll } from './lib/pack.mjs';
import { bin, run } from './lib/workspace.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'dendrite-check-'));
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`FAIL ${what}`);
};
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

try {
  // 1. Tarballs, publint and attw.
  const packed = packAll(mkdtempSync(join(scratch, 'tarballs-')));
  for (const [name, { tarball }] of packed) {
    try {
      run(bin('publint'), ['--strict', tarball]);
      run(bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', tarball]);
      console.log(`ok   ${name}: publint, attw`);
    } catch (error) {
      fail(`${name}: publint/attw\n${error.stdout ?? error.message}`);
    }
  }
  console.log(`packed and checked ${packed.size} packages (${elapsed()})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`check-packages: ${failures.length} failure(s) in ${elapsed()}`);
if (failures.length > 0) process.exit(1);
