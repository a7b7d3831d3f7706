#!/usr/bin/env node
import { CODE_CACHES, loadCompiledCli } from './compiled-cli.js';

// `dlexam list | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const argv = process.argv.slice(2);
const [command = '--help'] = argv;
// This file is CommonJS, so a run that needs no ES module never starts Node's ES module loader.
// Help and the version need main.js and the help texts only: the ES module build's small chunks.
// Every command runs the whole CLI bundle through V8's code cache (`compiled-cli.ts`): the small
// cache for the commands about one template, the full one for the rest.
const load: Promise<{ main: (argv: string[]) => Promise<number> }> = [
  '--help',
  '-h',
  'help',
  '--version',
  '-v',
].includes(command)
  ? import('./main.js')
  : Promise.resolve(
      loadCompiledCli(
        new URL('./', import.meta.url),
        ['preview', 'describe'].includes(command) ? CODE_CACHES.template : CODE_CACHES.full,
      ),
    );
void load
  .then(({ main }) => main(argv))
  .then((code) => {
    process.exitCode = code;
  });
