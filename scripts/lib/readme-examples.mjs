// Turns the TypeScript code blocks of the READMEs into programs, as written: one program per
// README, its blocks in order (a README's blocks tell one story), imports hoisted and
// de-duplicated. Where a block uses a value it does not define (a model, a batch of data), a
// short setup from STUBS defines it first, from real data where the example needs data.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publicPackages, root } from './workspace.mjs';

/** Setup code per README (path from the repo root): only what its blocks leave undefined. */
const STUBS = {
  // The README picks its backend in its first line; the data it trains on is made before that.
  'README.md': `
await __tf.useBackend('auto', { log: false });
const __data = await __loadFashionMnist({ asTensors: true });
const [xTrain, xValid, yTrain, yValid] = __trainTestSplit(__data.train.images, __data.train.labels, { testSize: 0.2, seed: 42 });`,
  'packages/callbacks/README.md': `
__registerFileSystem();
const model = __sequential({ layers: [__dense({ units: 1, inputShape: [3] })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const [x, xVal] = [__tf.randomNormal([64, 3], 0, 1, 'float32', 1), __tf.randomNormal([16, 3], 0, 1, 'float32', 2)];
const [y, yVal] = [__tf.sum(x, 1, true), __tf.sum(xVal, 1, true)];`,
  // The README loads the book's checkpoint; a real Keras 3 file stands in for the reader's own.
  'packages/keras-io/README.md': `
__copyFileSync(${JSON.stringify(join(root, '..', 'shared', 'data', 'keras', 'keras3', 'mlp-best-model.keras'))}, 'best-model.keras');`,
  'packages/losses/README.md': `
const yTrue = __tf.tensor2d([[0, 1, 0], [0, 0, 1]]);
const yPred = __tf.tensor2d([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
const logits = __tf.tensor2d([[1, 3, -1], [0.5, 0.2, 2]]);
const sampleWeight = __tf.tensor1d([1, 0.5]);`,
  'packages/metrics/README.md': `
const model = __sequential({ layers: [__dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
const batches = [1, 2].map((seed) => [__tf.randomNormal([8, 4], 0, 1, 'float32', seed), __tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32')] as const);`,
  'packages/models/README.md': `
const x = __tf.randomNormal([64, 784], 0, 1, 'float32', 1);
const y = __tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), 'int32');`,
};

/** Imports the stubs use, under names no README uses. */
const STUB_IMPORTS = [
  "import * as __tf from '@dendrite/tensor';",
  "import { dense as __dense } from '@dendrite/layers';",
  "import { sequential as __sequential } from '@dendrite/models';",
  "import { registerFileSystem as __registerFileSystem } from '@dendrite/models/node';",
  "import { copyFileSync as __copyFileSync } from 'node:fs';",
  "import { trainTestSplit as __trainTestSplit } from '@dendrite/data';",
  "import { loadFashionMnist as __loadFashionMnist } from '@dendrite/data/node';",
];

/** The fenced ```ts blocks of a Markdown text. */
export function codeBlocks(markdown) {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

/** Joins blocks into one module: imports first, once each, then the statements in order. */
export function toProgram(blocks, stub = '') {
  // Keyed by the binding, so a later block's `import * as dd from 'dendrite/node'` replaces an
  // earlier `import * as dd from 'dendrite'`, as a reader would read it.
  const imports = new Map();
  const body = [];
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      if (/^import .* from '[^']+';|^import '[^']+';/.test(line)) {
        const key =
          line.match(/^import (?:type )?\* as (\w+) from/)?.[1] ?? line.replace(/\s*\/\/.*$/, '');
        imports.delete(key);
        imports.set(key, line);
      } else body.push(line);
    }
  }
  const stubImports = STUB_IMPORTS.filter((line) => stub.includes(line.match(/__\w+/)?.[0] ?? '@'));
  return [...imports.values(), ...stubImports, stub, ...body, 'export {};', ''].join('\n');
}

/**
 * Every README with TypeScript blocks: the root one and each public package's.
 * @returns `[{ name, readme, program, needsData, nativeOnly }]`, `name` a file-name-safe id.
 */
export function readmePrograms() {
  const readmes = [
    join(root, 'README.md'),
    ...publicPackages().map(({ dir }) => join(dir, 'README.md')),
  ];
  return readmes
    .filter((path) => existsSync(path))
    .map((path) => {
      const key = relative(root, path);
      const blocks = codeBlocks(readFileSync(path, 'utf8'));
      const program = toProgram(blocks, STUBS[key] ?? '');
      return {
        name: key === 'README.md' ? 'root' : key.split('/')[1],
        readme: key,
        program,
        needsData: program.includes('oadFashionMnist('),
        nativeOnly: program.includes("'native'") || program.includes('dendrite-native'),
        blocks: blocks.length,
      };
    })
    .filter((entry) => entry.blocks > 0);
}
