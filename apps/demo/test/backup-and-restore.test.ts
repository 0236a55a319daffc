import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'dendrite-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const child = (out: string, backupDir: string, killAfter: number) =>
  spawnSync(
    process.execPath,
    [
      '--conditions=@dendrite/source',
      '--import',
      'tsx',
      join(import.meta.dirname, 'fixtures', 'backup-child.ts'),
      out,
      backupDir,
      String(killAfter),
    ],
    { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', timeout: 120_000 },
  );

const read = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as { epochs: number[]; weights: number[][] };

describe('backupAndRestore across a killed process', () => {
  it('resumes at the epoch the killed run reached and ends with the uninterrupted weights', () => {
    const reference = join(work, 'reference.json');
    const plain = child(reference, '-', -1);
    expect(plain.status, plain.stderr).toBe(0);

    const backupDir = join(work, 'backup');
    const resumed = join(work, 'resumed.json');
    const killed = child(resumed, backupDir, 2);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(resumed)).toBe(false);
    expect(existsSync(backupDir)).toBe(true);

    const restarted = child(resumed, backupDir, -1);
    expect(restarted.status, restarted.stderr).toBe(0);
    const a = read(reference);
    const b = read(resumed);
    // Epochs 0..2 ran in the killed process; the restart runs 3..5 only.
    expect(a.epochs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(b.epochs).toEqual([3, 4, 5]);
    expect(b.weights.length).toBe(a.weights.length);
    for (const [i, w] of a.weights.entries()) {
      const v = b.weights[i] as number[];
      for (const [j, value] of w.entries())
        expect(Math.abs((v[j] as number) - value)).toBeLessThan(1e-6);
    }
    expect(existsSync(backupDir)).toBe(false);
  }, 300_000);
});
