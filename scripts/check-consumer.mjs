#!/usr/bin/env node
// What an outside user gets: packs every public package, installs the tarballs with npm into a project outside the workspace, then
//   - measures a Node install of `dendrite` (it must not pull the WebGL/WebGPU backends),
//   - bundles `dendrite` for browsers with esbuild (it must pull no Node built-in),
//   - type-checks every README's TypeScript blocks under each module-resolution mode,
//   - runs them with Node (on a 1 000-image slice of the real Fashion-MNIST where they load it).
// Needs `pnpm build` first and the npm registry. Run by `.ci/run`; `pnpm check:consumer` by hand.
// Usage: node scripts/check-consumer.mjs [--keep]
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckRun } from './lib/check-run.mjs';
import {
  browserBundle,
  createProject,
  folderBytes,
  megabytes,
  npm,
  packageBytes,
} from './lib/consumer.mjs';
import {
  fashionMnistFolder,
  runExamples,
  typeMatrix,
  writeDataSubset,
  writeExamples,
} from './lib/examples.mjs';
import { closure, packAll } from './lib/pack.mjs';
import { readmePrograms } from './lib/readme-examples.mjs';
import { run } from './lib/workspace.mjs';

const TFJS = '4.22.0';
const { scratch, fail, elapsed, cleanUp, report } = startCheckRun('check-consumer');

try {
  const packed = packAll(mkdtempSync(join(scratch, 'tarballs-')));
  console.log(`packed ${packed.size} packages (${elapsed()})`);

  // 2. A Node user's install of `dendrite`: its tarballs and tfjs-core, nothing else.
  const user = createProject(join(scratch, 'user'));
  const facade = closure('dendrite', packed).map((name) => packed.get(name).tarball);
  npm(['install', ...facade, `@tensorflow/tfjs-core@${TFJS}`], user);
  const nodeBytes = folderBytes(join(user, 'node_modules'));
  const sizes = packageBytes(join(user, 'node_modules'));
  console.log(`Node install of dendrite: ${megabytes(nodeBytes)} in node_modules; largest:`);
  for (const [name, bytes] of sizes.slice(0, 6))
    console.log(`  ${megabytes(bytes).padStart(9)}  ${name}`);
  for (const browserOnly of ['@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu']) {
    if (existsSync(join(user, 'node_modules', browserOnly)))
      fail(`a Node install pulls ${browserOnly}`);
  }
  writeFileSync(
    join(user, 'grad.js'),
    [
      "import * as tf from '@dendrite/tensor';",
      "const choice = await tf.useBackend('wasm', { log: false });",
      'const g = tf.grad((x) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2, 3]));',
      "if (choice.name !== 'wasm' || g.dataSync().join() !== '2,4,6') throw new Error(`unexpected: ${choice.name} ${g.dataSync()}`);",
      'console.log(`gradient on wasm from the installed tarballs: ${g.dataSync().join()}`);',
    ].join('\n'),
  );
  console.log(run(process.execPath, ['grad.js'], { cwd: user }).trim());

  // 3. The rest: the other packages (no install scripts: no compiler assumed), Node's types,
  // and the browser backends a web app adds.
  const rest = [...packed.values()]
    .map(({ tarball }) => tarball)
    .filter((t) => !facade.includes(t));
  npm(
    [
      'install',
      '--ignore-scripts',
      ...rest,
      '@types/node@20',
      `@tensorflow/tfjs-backend-webgl@${TFJS}`,
      `@tensorflow/tfjs-backend-webgpu@${TFJS}`,
    ],
    user,
  );

  // 4. A browser bundle of `dendrite`.
  const bundle = await browserBundle(
    user,
    "import * as dd from 'dendrite';\nawait dd.useBackend('auto');\nconsole.log(dd.sequential, dd.layers.dense);\n",
  );
  console.log(
    `browser bundle of dendrite (esbuild, minified, split): ${megabytes(bundle.bytes)} in all, entry chunk ${megabytes(bundle.mainBytes)}; third-party Node built-in imports: ${bundle.nodeImports.length}`,
  );
  // tfjs-core, the wasm backend and seedrandom name Node built-ins behind runtime checks; ours
  // must name none.
  const ours = bundle.nodeImports.filter((line) =>
    /node_modules\/(@dendrite\/|dendrite\/)/.test(line),
  );
  if (ours.length > 0)
    fail(`the browser bundle imports Node built-ins from Dendrite:\n  ${ours.join('\n  ')}`);
  const nodeFiles = bundle.inputs.filter((input) =>
    /\/dist\/(node|platform-node)|node-callbacks|node-data/.test(input),
  );
  if (nodeFiles.length > 0)
    fail(`the browser bundle includes Node-only files:\n  ${nodeFiles.join('\n  ')}`);

  // 5. README examples: types under every resolution mode, then run.
  const programs = readmePrograms();
  writeExamples(user, programs);
  for (const { mode, ok, errors } of typeMatrix(user)) {
    if (ok) console.log(`ok   tsc --noEmit README examples (${programs.length} READMEs): ${mode}`);
    else fail(`tsc README examples: ${mode}\n${errors}`);
  }
  const source = fashionMnistFolder();
  const dataDir = source && writeDataSubset(source, join(scratch, 'data'));
  const addon = join(user, 'node_modules', '@dendrite', 'backend-native');
  const nativeBuilt = ['build/Release', 'prebuilds'].some((sub) => existsSync(join(addon, sub)));
  const results = runExamples(user, programs, {
    dataDir,
    skip: ({ needsData, nativeOnly }) =>
      needsData && dataDir === undefined
        ? 'no Fashion-MNIST files on this machine (set DENDRITE_DATA_DIR)'
        : nativeOnly && !nativeBuilt
          ? 'the native addon is not built in the scratch install (installed without scripts)'
          : undefined,
  });
  for (const { name, ok, skipped, seconds, output } of results) {
    if (skipped) console.log(`skip README example ${name}: ${skipped}`);
    else if (ok) console.log(`ok   README example ${name} ran (${seconds.toFixed(1)} s)`);
    else fail(`README example ${name}\n${output.split('\n').slice(-15).join('\n')}`);
  }
} finally {
  cleanUp({ keep: process.argv.includes('--keep') });
}
report();
