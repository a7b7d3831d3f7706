import { DlexamError } from '@dlexam/generator';
import { HELP, describe, generate, list, preview } from './commands.js';
import { processIo, type Io } from './io.js';
import { analyzeCommand } from './analyze.js';

const COMMANDS: Record<string, (argv: string[], io: Io) => number | Promise<number>> = {
  list,
  describe,
  preview,
  generate,
  analyze: analyzeCommand,
};

export const VERSION = '0.1.0';

/**
 * Runs the CLI and resolves to its exit code: 0 on success, 2 for anything the user can fix (one line
 * on stderr, no stack trace), 1 for a bug (with its stack, so it can be reported).
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP.main as string);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`dlexam ${VERSION}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run)
      throw new DlexamError(
        `unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')} (see 'dlexam --help')`,
      );
    return await run(rest, io);
  } catch (e) {
    // Exporters refuse what a format cannot express with their own *ExportError: user-facing too.
    if (e instanceof DlexamError || (e instanceof Error && /ExportError$/.test(e.name))) {
      io.stderr(`dlexam: ${e.message}\n`);
      return 2;
    }
    io.stderr(
      `dlexam: internal error — please report it with the command you ran\n${(e as Error).stack ?? String(e)}\n`,
    );
    return 1;
  }
}
