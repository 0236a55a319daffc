import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/device-kit.mjs', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'dendrite-kit-test-'));

describe("the device kit's bundle", () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs the bench on its own, a child process per run, outside the workspace', () => {
    execFileSync(process.execPath, [script, '--bundle-only', folder], { stdio: 'pipe' });
    expect(existsSync(join(folder, 'bundle', 'bench.mjs'))).toBe(true);
    expect(existsSync(join(folder, 'bundle', 'child.mjs'))).toBe(true);
    // No --import tsx, no source conditions, no node_modules beside it: what the lent machine has.
    const run = spawnSync(
      process.execPath,
      [
        join(folder, 'bundle', 'bench.mjs'),
        ...['--backends', 'cpu', '--models', 'mlp', '--frameworks', 'dendrite'],
        ...['--batch-sizes', '32', '--epochs', '1', '--samples', '64', '--synthetic', '--no-numpy'],
      ],
      { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The one run came back from its child process with a finite time.
    const line = run.stdout.split('\n').find((l) => l.startsWith('dendrite    mlp cpu'));
    expect(line).toMatch(/b32\s+\d+\.\d{3} s\/epoch {2}loss \d\.\d{4} \d\.\d{4} {2}growth 0/);
    expect(run.stdout).not.toContain('skipped');
  }, 120_000);
});
