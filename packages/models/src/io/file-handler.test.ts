import { promises as fs, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { sequential } from '../sequential.js';
import { fileSystem, registerFileSystem, safeWeightPath } from './file-handler.js';
import { loadModel } from './load.js';

const own = ownedPerTest();

function net(kernel: number) {
  const m = sequential({
    layers: [
      dense({
        name: 'only',
        units: 1,
        inputShape: [2],
        kernelInitializer: { className: 'Constant', config: { value: kernel } },
      }),
    ],
  });
  own(m);
  return m;
}

async function predictOne(dir: string): Promise<number[]> {
  const m = await loadModel(fileSystem(dir));
  own(m);
  const x = tf.tensor2d([[1, 2]]);
  const y = m.predict(x) as tf.Tensor;
  const values = Array.from(y.dataSync());
  tf.dispose([x, y]);
  return values;
}

describe('fileSystem handler (Node)', () => {
  it('saves model.json and weights, and loads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    await net(2).save(fileSystem(dir));
    const files = readdirSync(dir).sort();
    expect(files[0]).toMatch(/^model\.json$/);
    expect(files[1]).toMatch(new RegExp(`^model\\.weights\\.${process.pid}-[0-9a-f]{12}\\.bin$`));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual([`./${files[1]}`]);
    // kernel [[2], [2]] · [1, 2] = 6
    expectClose(await predictOne(dir), [6]);
  });

  it('file:// URLs work once registered', async () => {
    registerFileSystem();
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    await net(1).save(`file://${dir}`);
    const m = await loadModel(`file://${dir}/model.json`);
    own(m);
    expect(m.getLayer('only').countParams()).toBe(3);
  });

  it('is atomic: a save failing midway leaves the previous model loadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    await net(2).save(fileSystem(dir));
    const before = readdirSync(dir).sort();
    const failing = fileSystem(dir, {
      writeFile: async (file, data) => {
        // Half the bytes reach the disk, then the write fails.
        await fs.writeFile(file, data.subarray(0, data.length >> 1));
        if (file.endsWith('.bin')) throw new Error('disk full');
      },
    });
    await expect(net(5).save(failing)).rejects.toThrow('disk full');
    expect(readdirSync(dir).sort()).toEqual(before);
    expectClose(await predictOne(dir), [6]);
    // A later successful save replaces it and removes the old weights file.
    await net(3).save(fileSystem(dir));
    expectClose(await predictOne(dir), [9]);
    expect(readdirSync(dir).length).toBe(2);
  });

  it('rejects weight paths outside the model folder', async () => {
    expect(() => safeWeightPath('/models/a', '../x.bin')).toThrow(
      'loadModel: weight path "../x.bin" escapes the model folder /models/a',
    );
    expect(() => safeWeightPath('/models/a', '/etc/passwd')).toThrow(
      'loadModel: weight paths must be relative to the model folder; received "/etc/passwd"',
    );
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    await net(2).save(fileSystem(dir));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['../../etc/secret.bin'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadModel(fileSystem(dir))).rejects.toThrow(/escapes the model folder/);
  });

  it('turns truncated JSON and a short weights file into clear errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dendrite-'));
    await net(2).save(fileSystem(dir));
    const text = readFileSync(join(dir, 'model.json'), 'utf8');
    writeFileSync(join(dir, 'model.json'), text.slice(0, text.length - 10));
    await expect(loadModel(fileSystem(dir))).rejects.toThrow(
      /model\.json is not valid JSON \(truncated or corrupt\)/,
    );
    writeFileSync(join(dir, 'model.json'), text);
    const weights = readdirSync(dir).find((f) => f.endsWith('.bin')) as string;
    writeFileSync(join(dir, weights), readFileSync(join(dir, weights)).subarray(0, 5));
    await expect(loadModel(fileSystem(dir))).rejects.toThrow(
      /hold 5 bytes but its weights manifest needs 12; the files are truncated/,
    );
  });
});
