import { dense, input } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { model } from '../layers-model.js';
import { sequential } from '../sequential.js';
import { loadModel } from './load.js';

const own = ownedPerTest();

/** Artifacts of a compiled, trained-once 3→2→1 model (Adam slots included). */
async function trained(): Promise<tf.io.ModelArtifacts> {
  const m = sequential({
    layers: [dense({ name: 'a', units: 2, inputShape: [3] }), dense({ name: 'b', units: 1 })],
  });
  own(m);
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const x = tf.ones([2, 3]);
  const y = tf.ones([2, 1]);
  await m.fit(x, y, { epochs: 1, verbose: 0 });
  tf.dispose([x, y]);
  let saved: tf.io.ModelArtifacts | undefined;
  await m.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  return saved as tf.io.ModelArtifacts;
}

/** Loads and expects a rejection matching `message`, with no tensor left behind. */
async function expectRefused(artifacts: tf.io.ModelArtifacts, message: RegExp): Promise<void> {
  const before = tf.memory().numTensors;
  await expect(loadModel(tf.io.fromMemory(artifacts))).rejects.toThrow(message);
  expect(tf.memory().numTensors).toBe(before);
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('loadModel checks sizes and names before allocating', () => {
  it('refuses Dense 20000×20000 with a tiny manifest before creating its kernel', async () => {
    const artifacts = await trained();
    const topology = clone(artifacts.modelTopology) as {
      config: { layers: { config: { units: number } }[] };
    };
    (topology.config.layers[0] as { config: { units: number } }).config.units = 20000;
    (topology.config.layers[1] as { config: { units: number } }).config.units = 20000;
    const bytesBefore = tf.memory().numBytes;
    await expectRefused(
      { ...artifacts, modelTopology: topology },
      /the config gives "a\/kernel" shape \[3,20000\] but the weights manifest has \[3,2\]/,
    );
    // Nothing near 20000×20000×4 = 1.6 GB was ever held: the peak is checked in test/hostile.
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });

  it('frees the layers built before a refused one (Sequential)', async () => {
    const artifacts = await trained();
    const topology = clone(artifacts.modelTopology) as {
      config: { layers: { config: { units: number } }[] };
    };
    (topology.config.layers[1] as { config: { units: number } }).config.units = 7;
    // Layer "a" (kernel + bias) is built, then "b" is refused: the 2 tensors must be freed.
    await expectRefused({ ...artifacts, modelTopology: topology }, /"b\/kernel" shape \[2,7\]/);
  });

  it('frees the layers built before a refused one (functional)', async () => {
    const x = input({ shape: [3], name: 'x' });
    const m = model({
      inputs: x,
      outputs: dense({ name: 'b', units: 1 }).apply(dense({ name: 'a', units: 2 }).apply(x)),
    });
    own(m);
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const artifacts = saved as tf.io.ModelArtifacts;
    const topology = clone(artifacts.modelTopology) as {
      config: { layers: { name: string; config: { units: number } }[] };
    };
    const b = topology.config.layers.find((l) => l.name === 'b') as { config: { units: number } };
    b.config.units = 4;
    // "a" is built (2 tensors) when "b" is refused: both must be freed.
    await expectRefused({ ...artifacts, modelTopology: topology }, /"b\/kernel" shape \[2,4\]/);
  });

  it('frees the layers built before an unknown class (Sequential)', async () => {
    const artifacts = await trained();
    const topology = clone(artifacts.modelTopology) as {
      config: { layers: { class_name: string }[] };
    };
    (topology.config.layers[1] as { class_name: string }).class_name = 'Evil';
    await expectRefused({ ...artifacts, modelTopology: topology }, /Unknown layer class "Evil"/);
  });

  it('refuses weights the model does not create, before decoding', async () => {
    const artifacts = await trained();
    const specs = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    for (const spec of specs) spec.name = spec.name.replace(/^a\/kernel/, 'zzz/kernel');
    await expectRefused(
      { ...artifacts, weightSpecs: specs },
      /the config creates "a\/kernel" of shape \[3,2\], which the weights manifest does not list/,
    );
  });

  it('refuses an optimizer slot of the wrong shape at load', async () => {
    const artifacts = await trained();
    const specs = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    const slot = specs.find((s) => s.name === 'a/kernel/momentum') as tf.io.WeightsManifestEntry;
    const bias = specs.find((s) => s.name === 'a/bias/momentum') as tf.io.WeightsManifestEntry;
    // Same byte count overall: kernel slot [3,2] → [6], so only the shape is wrong.
    slot.shape = [6];
    expect(bias.shape).toEqual([2]);
    await expectRefused(
      { ...artifacts, weightSpecs: specs },
      /optimizer weight "a\/kernel\/momentum" has shape \[6\] but the weight "a\/kernel" has shape \[3,2\]/,
    );
  });

  it('refuses an optimizer slot of an unknown weight or slot name at load', async () => {
    const artifacts = await trained();
    const specs = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    (specs.find((s) => s.name === 'a/kernel/momentum') as tf.io.WeightsManifestEntry).name =
      'ghost/kernel/momentum';
    await expectRefused(
      { ...artifacts, weightSpecs: specs },
      /optimizer weight "ghost\/kernel\/momentum" names no model weight/,
    );
    const specs2 = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    (specs2.find((s) => s.name === 'a/kernel/momentum') as tf.io.WeightsManifestEntry).name =
      'a/kernel/evil';
    await expectRefused(
      { ...artifacts, weightSpecs: specs2 },
      /unknown weight "[^"]*a\/kernel\/evil"|unknown weight .*evil/,
    );
  });

  it('refuses deep nesting, malformed specs and duplicate names with named errors', async () => {
    const artifacts = await trained();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expectRefused(
      { ...artifacts, modelTopology: { class_name: 'Sequential', config: { layers: deep } } },
      /`modelTopology` nests deeper than 100 levels/,
    );
    await expectRefused(
      { ...artifacts, weightSpecs: [null] as unknown as tf.io.WeightsManifestEntry[] },
      /each weights manifest entry needs a string `name`; received null/,
    );
    const specs = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    (specs[1] as tf.io.WeightsManifestEntry).name = (specs[0] as tf.io.WeightsManifestEntry).name;
    await expectRefused({ ...artifacts, weightSpecs: specs }, /lists weight "a\/kernel" twice/);
    const huge = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    (huge[0] as tf.io.WeightsManifestEntry).shape = [2 ** 40, 2 ** 40];
    await expectRefused({ ...artifacts, weightSpecs: huge }, /too large to load/);
    const odd = clone(artifacts.weightSpecs) as tf.io.WeightsManifestEntry[];
    (odd[0] as { dtype: string }).dtype = 'complex64';
    await expectRefused({ ...artifacts, weightSpecs: odd }, /dtype "complex64"; expected one of/);
  });

  it('names a malformed trainingConfig', async () => {
    const artifacts = await trained();
    for (const trainingConfig of [
      { ...artifacts.trainingConfig, optimizer_config: null },
      { ...artifacts.trainingConfig, loss: 42 },
      { ...artifacts.trainingConfig, optimizer_config: { class_name: 'Adam', config: [] } },
    ]) {
      await expectRefused(
        { ...artifacts, trainingConfig: trainingConfig as unknown as tf.io.TrainingConfig },
        /loadModel: malformed `trainingConfig`: expected \{loss, metrics, optimizer_config: \{class_name, config\}\}/,
      );
    }
  });

  it('still loads the untouched artifacts, compiled, with the optimizer state', async () => {
    const m = await loadModel(tf.io.fromMemory(await trained()));
    own(m);
    expect(m.optimizer?.iterations).toBe(1);
  });
});
