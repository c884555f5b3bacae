#!/usr/bin/env node
/**
 * The `colframe` executable (package `bin`): `colframe FILE` prints a first look at a CSV, Arrow
 * IPC or JSON file; `colframe --help` lists the subcommands. The work is in `./cli/main.ts`.
 */
import { main } from './cli/main.js';

// A reader of our output that goes away (`colframe head big.csv | head -3`) ends the run quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
