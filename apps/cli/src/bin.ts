#!/usr/bin/env node
import { loadCompiledCli } from './compiled-cli.js';

// `dlexam list | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const argv = process.argv.slice(2);
const [command = '--help'] = argv;
// Help and the version need main.js and the help text only: the ES module build's small chunks.
// Every command runs the whole CLI bundle through V8's code cache (`compiled-cli.ts`).
const textOnly = ['--help', '-h', 'help', '--version', '-v'].includes(command);
const { main } = textOnly
  ? await import('./main.js')
  : loadCompiledCli(new URL('./', import.meta.url));
process.exitCode = await main(argv);
