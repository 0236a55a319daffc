#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { convertModel } from './convert.js';
import './node.js';

const USAGE = `usage: dendrite convert <in> <out>
  <in>   a .keras file, a Keras .h5/.hdf5 file, or a TF.js model folder / model.json
  <out>  a .keras file, a legacy Keras 2 .h5/.hdf5 file, or a folder / model.json for the
         TF.js Layers format`;

/** Runs the `dendrite` command line with `args` (without `node` and the script); returns the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  const [command, source, destination, ...rest] = args;
  if (command !== 'convert' || !source || !destination || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  try {
    await convertModel(source, destination);
    console.log(`converted ${source} → ${destination}`);
    return 0;
  } catch (error) {
    console.error(`dendrite convert: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
