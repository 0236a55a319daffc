#!/usr/bin/env node
// Scaffolds a workspace package that follows the house template.
// Usage: node scripts/new-package.mjs <folder> <name> "<description>" [dep ...] [--private] [--app]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flags = new Set(args.filter((arg) => arg.startsWith('--')));
const [folder, name, description, ...deps] = args.filter((arg) => !arg.startsWith('--'));
if (!folder || !name || !description) {
  console.error(
    'usage: new-package.mjs <folder> <name> "<description>" [dep ...] [--private] [--app]',
  );
  process.exit(2);
}
const isPrivate = flags.has('--private') || flags.has('--app');
const dir = join(flags.has('--app') ? 'apps' : 'packages', folder);
if (existsSync(join(dir, 'package.json'))) {
  console.error(`${dir}/package.json exists already`);
  process.exit(1);
}
mkdirSync(join(dir, 'src'), { recursive: true });

const exportsFor = (withSource) => ({
  '.': {
    ...(withSource ? { '@dendrite/source': './src/index.ts' } : {}),
    types: './dist/index.d.ts',
    default: './dist/index.js',
  },
  './package.json': './package.json',
});
const workspaceDeps = Object.fromEntries(deps.map((dep) => [dep, 'workspace:*']));
const pkg = {
  name,
  version: '0.1.0',
  description,
  ...(isPrivate ? { private: true } : {}),
  type: 'module',
  license: 'MIT',
  sideEffects: false,
  exports: exportsFor(true),
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', '!dist/**/*.test.*', 'README.md'],
  scripts: {
    build: 'tsc -p tsconfig.build.json',
    typecheck: 'tsc --noEmit -p tsconfig.json',
    lint: 'biome check .',
    test: `vitest run --config ../../vitest.config.ts --project ${folder}`,
  },
  ...(isPrivate
    ? {}
    : {
        publishConfig: { access: 'public', exports: exportsFor(false) },
        repository: {
          type: 'git',
          url: 'git+https://example.invalid/dendrite.git',
          directory: dir,
        },
      }),
  dependencies: workspaceDeps,
  peerDependencies: { '@tensorflow/tfjs-core': '^4.22.0' },
  devDependencies: {
    '@dendrite/test-utils': 'workspace:*',
    '@tensorflow/tfjs-core': 'catalog:',
  },
};
if (name === '@dendrite/test-utils') delete pkg.devDependencies['@dendrite/test-utils'];
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test'] }, null, 2)}\n`,
);
writeFileSync(
  join(dir, 'tsconfig.build.json'),
  `${JSON.stringify(
    {
      extends: './tsconfig.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist', customConditions: [] },
      include: ['src'],
      exclude: ['src/**/*.test.ts'],
    },
    null,
    2,
  )}\n`,
);
if (!existsSync(join(dir, 'README.md'))) {
  writeFileSync(join(dir, 'README.md'), `# ${name}\n\n${description}\n`);
}
console.log(`created ${dir}`);
