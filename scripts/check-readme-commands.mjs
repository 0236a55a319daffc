#!/usr/bin/env node
// Runs the two commands of the README's first `sh` block exactly as printed, the way a new user
// on a fresh machine would: in a `git clone` of this repository (committed HEAD) in a temporary
// folder, with a temporary HOME and npm prefix (no pnpm store, no global packages), no TTY and
// stdin from /dev/null, `npm_config_yes=false`, no `pnpm`/`corepack` on PATH, and OpenBLAS's
// `cblas.h` shadowed through CPATH by a header that fails, as on a machine without
// libopenblas-dev. Heavy (downloads every dependency, runs the demo and the whole test suite):
// opt-in, `pnpm check:readme-commands [--only 1|2] [--keep]`; `.ci/run` runs it when
// DENDRITE_CHECK_README_COMMANDS=1.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root, run } from './lib/workspace.mjs';

/** The commands of the README's first ```sh block (comment lines dropped). */
function readmeCommands(markdown) {
  const block = markdown.match(/^```sh\n([\s\S]*?)^```$/m)?.[1];
  if (block === undefined) throw new Error('README.md: no ```sh block with the commands');
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? Number(args[args.indexOf('--only') + 1]) : undefined;
const commands = readmeCommands(readFileSync(join(root, 'README.md'), 'utf8'));
if (commands.length !== 2)
  throw new Error(`README.md: expected 2 commands, found ${commands.length}`);

const scratch = mkdtempSync(join(tmpdir(), 'dendrite-readme-'));
const home = join(scratch, 'home');
const shims = join(scratch, 'bin');
const shadow = join(scratch, 'no-openblas');
for (const dir of [home, shims, shadow, join(scratch, 'npm-prefix')])
  mkdirSync(dir, { recursive: true });
writeFileSync(
  join(shadow, 'cblas.h'),
  '#error "cblas.h: OpenBLAS headers hidden (no libopenblas-dev)"\n',
);
for (const tool of ['pnpm', 'corepack']) {
  writeFileSync(
    join(shims, tool),
    `#!/bin/sh\necho "${tool}: not installed on a fresh machine" >&2\nexit 127\n`,
  );
  chmodSync(join(shims, tool), 0o755);
}
const env = {
  HOME: home,
  PATH: [shims, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
  CPATH: shadow,
  LANG: 'C.UTF-8',
  TMPDIR: tmpdir(),
  npm_config_yes: 'false',
  npm_config_prefix: join(scratch, 'npm-prefix'),
  npm_config_update_notifier: 'false',
  // The machine's way to the registry (its CA bundle and proxy) is not user state: keep it.
  ...Object.fromEntries(
    [
      'NODE_EXTRA_CA_CERTS',
      'SSL_CERT_FILE',
      'HTTP_PROXY',
      'HTTPS_PROXY',
      'NO_PROXY',
      'http_proxy',
      'https_proxy',
      'no_proxy',
    ]
      .filter((name) => process.env[name] !== undefined)
      .map((name) => [name, process.env[name]]),
  ),
  ...Object.fromEntries(
    ['cafile', 'registry']
      .map((key) => [key, run('npm', ['config', 'get', key]).trim()])
      .filter(([, value]) => value !== '' && value !== 'null' && value !== 'undefined')
      .map(([key, value]) => [`npm_config_${key}`, value]),
  ),
};

const results = [];
try {
  for (const [index, command] of commands.entries()) {
    if (only !== undefined && only !== index + 1) continue;
    // Each command in its own fresh clone, as two separate new users.
    const clone = join(scratch, `clone-${index + 1}`);
    run('git', ['clone', '--quiet', root, clone]);
    console.log(`$ ${command}   (in ${clone})`);
    const started = performance.now();
    const { status, signal } = spawnSync('/bin/sh', ['-c', command], {
      cwd: clone,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const seconds = (performance.now() - started) / 1000;
    results.push({ command, ok: status === 0, seconds, status: status ?? signal });
  }
} finally {
  if (args.includes('--keep')) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
for (const { command, ok, seconds, status } of results)
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${command} (${seconds.toFixed(0)} s${ok ? '' : `, exit ${status}`})`,
  );
if (results.some(({ ok }) => !ok)) process.exit(1);
