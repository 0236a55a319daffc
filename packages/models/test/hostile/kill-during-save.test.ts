import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/index.js';
import { fileSystem } from '../../src/node.js';
import { bigModel } from './fixtures.js';
import { childHarness, killDuring } from './run-child.js';

// A child saves a 4 MB model in a loop and is SIGKILLed at a moment spread over several saves.
// After each kill the folder must still hold a loadable model (the old or the new one), and
// the next successful save must leave nothing else behind.

const { work, file } = childHarness('dendrite-kill-');

describe('SIGKILL during model.save', () => {
  it('30 kills during model.save: always loadable, and the next save leaves only model.json + weights', async () => {
    const folder = join(work, 'model');
    const writer = bigModel();
    await writer.save(fileSystem(folder));
    let leftBehind = 0;
    for (let trial = 0; trial < 30; trial++) {
      expect(await killDuring(file(), 'save-loop', folder, trial)).toBe('SIGKILL');
      const names = readdirSync(folder);
      if (names.length > 2) leftBehind++;
      const loaded = await loadModel(fileSystem(folder));
      expect(loaded.countParams()).toBe(1000 * 1000 + 1000 + 1000 + 1);
      loaded.dispose();
      await writer.save(fileSystem(folder));
      // Exactly model.json and the one weights file it lists: no temporary, no orphan.
      const listed = JSON.parse(
        readFileSync(join(folder, 'model.json'), 'utf8'),
      ).weightsManifest[0].paths[0].replace(/^\.\//, '');
      const after = readdirSync(folder).sort();
      expect(after, `trial ${trial}`).toEqual(['model.json', listed].sort());
    }
    writer.dispose();
    console.log(
      `kill during model.save: tried 30, left leftovers before the next save in ${leftBehind}, clean after it in 30`,
    );
    // The kills must really land mid-save: otherwise this test proves nothing.
    expect(leftBehind).toBeGreaterThan(0);
  }, 120_000);
});
