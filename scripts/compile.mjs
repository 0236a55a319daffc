#!/usr/bin/env node
// Type-checks and builds all the TypeScript of the workspace in one process, the part of
// `pnpm test` that took longest when every package ran `tsc` twice on its own.
//   1. build: what each package's build script does, in dependency order (each reads the
//      declarations its dependencies just wrote to dist/): the commands before its
//      `tsc -p tsconfig.build.json` as they are, then that tsc in this process, emitting exactly
//      what it emits;
//   2. typecheck: the root tsconfig.json (every package's and app's src and test, one program,
//      each file checked once), then the extra configs of apps (`<app>/*/tsconfig.json`).
// The programs share the parsed declaration files (lib, node_modules, dist), which is most of
// what a lone `tsc` spends its time on. Every error of every program is printed; the exit code
// is 1 when there was one.
// Usage: node scripts/compile.mjs [--build-only | --typecheck-only]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import ts from 'typescript';
import { root } from './lib/workspace.mjs';

const only = process.argv[2];
if (only !== undefined && only !== '--build-only' && only !== '--typecheck-only') {
  console.error(`compile.mjs: unknown option ${only}; expected --build-only or --typecheck-only`);
  process.exit(2);
}

/** Declaration files parsed once for all programs, by path and parse mode. */
const declarations = new Map();

function hostFor(options) {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!fileName.endsWith('.d.ts')) return parse(fileName, languageVersionOrOptions, onError);
    const mode =
      typeof languageVersionOrOptions === 'object'
        ? `${languageVersionOrOptions.languageVersion}:${languageVersionOrOptions.impliedNodeFormat}`
        : String(languageVersionOrOptions);
    const key = `${mode}:${fileName}`;
    if (!declarations.has(key)) {
      declarations.set(key, parse(fileName, languageVersionOrOptions, onError, shouldCreate));
    }
    return declarations.get(key);
  };
  return host;
}

function readConfig(file, extend) {
  const parsed = ts.getParsedCommandLineOfConfigFile(file, extend, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => report([diagnostic]),
  });
  if (parsed === undefined) process.exit(1);
  return parsed;
}

let errors = 0;
const formatHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};
function report(diagnostics) {
  if (diagnostics.length === 0) return;
  errors += diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  const format = process.stdout.isTTY
    ? ts.formatDiagnosticsWithColorAndContext
    : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, formatHost));
}

/**
 * Compiles one config as `tsc -p` does (`extend`: options given on its command line): all
 * diagnostics first, then the emit unless noEmit.
 */
function compile(file, extend = {}) {
  const started = performance.now();
  const config = readConfig(file, extend);
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    host: hostFor(config.options),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (!config.options.noEmit) diagnostics.push(...program.emit().diagnostics);
  report(ts.sortAndDeduplicateDiagnostics(diagnostics));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${diagnostics.length === 0 ? 'ok  ' : 'FAIL'} ${file.slice(root.length + 1)} (${seconds} s)`,
  );
}

const manifests = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, group, entry.name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) })),
);

const TSC_BUILD = 'tsc -p tsconfig.build.json';

/**
 * The packages whose build script runs `tsc -p tsconfig.build.json`, dependencies before their
 * dependents, each with the commands its build script runs before tsc (code generation, the
 * native addon).
 */
function buildOrder() {
  const byName = new Map(manifests.map((entry) => [entry.manifest.name, entry]));
  const order = [];
  const seen = new Set();
  const visit = ({ dir, manifest }) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const deps = {
      ...manifest.dependencies,
      ...manifest.devDependencies,
      ...manifest.peerDependencies,
    };
    for (const name of Object.keys(deps)) if (byName.has(name)) visit(byName.get(name));
    const commands = (manifest.scripts?.build ?? '').split('&&').map((part) => part.trim());
    if (commands.at(-1) === TSC_BUILD) order.push({ dir, before: commands.slice(0, -1) });
  };
  for (const entry of manifests) visit(entry);
  return order;
}

/** Runs a build script's command as pnpm would: in the package, its tools on PATH. */
function runCommand(dir, command) {
  const PATH = [
    join(dir, 'node_modules', '.bin'),
    join(root, 'node_modules', '.bin'),
    process.env.PATH,
  ];
  const { status } = spawnSync(command, {
    cwd: dir,
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, PATH: PATH.join(delimiter) },
  });
  if (status !== 0) {
    errors += 1;
    console.log(`FAIL ${dir.slice(root.length + 1)}: \`${command}\` exited with ${status}`);
  }
}

if (only !== '--typecheck-only') {
  for (const { dir, before } of buildOrder()) {
    for (const command of before) runCommand(dir, command);
    compile(join(dir, 'tsconfig.build.json'));
  }
}
if (only !== '--build-only') {
  compile(join(root, 'tsconfig.json'), { noEmit: true });
  for (const { dir } of manifests.filter(({ dir }) => dir.includes(`${join(root, 'apps')}`))) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const extra = join(dir, entry.name, 'tsconfig.json');
      if (entry.isDirectory() && entry.name !== 'node_modules' && existsSync(extra)) {
        compile(extra, { noEmit: true });
      }
    }
  }
}
if (errors > 0) {
  console.error(`compile: ${errors} error(s)`);
  process.exit(1);
}
