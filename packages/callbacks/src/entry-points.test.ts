import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as main from './index.js';
import * as node from './node/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Every source file the main entry reaches through relative imports. */
async function reachable(file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const [, spec] of text.matchAll(/from '(\.[^']+)'/g)) {
    await reachable(resolve(dirname(file), (spec as string).replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe('entry points', () => {
  it('the main entry reaches no Node built-in (browser bundles stay clean)', async () => {
    const files = await reachable(join(here, 'index.ts'));
    expect(files.size).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/from 'node:|from '(fs|path|os)(\/promises)?'|require\(/);
      expect(file, file).not.toMatch(/[/\\]node[/\\]/);
    }
    // and the Node-only callbacks are really under ./node
    const nodeFiles = await readdir(join(here, 'node'));
    expect(nodeFiles).toContain('csv-logger.ts');
  });

  it('exports the public API', () => {
    for (const name of [
      'Callback',
      'CallbackList',
      'History',
      'MonitorCallback',
      'earlyStopping',
      'modelCheckpoint',
      'reduceLROnPlateau',
      'learningRateScheduler',
      'terminateOnNaN',
      'lambdaCallback',
      'progbarLogger',
    ]) {
      expect(main, name).toHaveProperty(name);
    }
    for (const name of ['csvLogger', 'tensorBoard', 'backupAndRestore', 'crc32c']) {
      expect(node, name).toHaveProperty(name);
    }
  });
});
