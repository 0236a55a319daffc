import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOptional } from './platform-node.js';

const app = mkdtempSync(join(tmpdir(), 'dendrite-app-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('importOptional', () => {
  it("finds a package installed in the application's folder when this package cannot see it", async () => {
    const dir = join(app, 'node_modules', 'dendrite-fake-backend');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'dendrite-fake-backend', main: 'index.cjs' }),
    );
    writeFileSync(join(dir, 'index.cjs'), 'exports.answer = 42;');
    const module = (await importOptional('dendrite-fake-backend', app)) as { answer: number };
    expect(module.answer).toBe(42);
  });

  it('rethrows the original not-found error when neither place has it', async () => {
    await expect(importOptional('dendrite-absent-package', app)).rejects.toThrow(
      /dendrite-absent-package/,
    );
  });
});
