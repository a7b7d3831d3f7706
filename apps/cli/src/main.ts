import { DlexamError } from '@dlexam/generator';
import { version } from '../package.json';
import { UserError } from '@dlexam/types';
import { HELP, describe, generate, list, preview } from './commands.js';
import { COMPLETION_HELP, completion } from './completion.js';
import { processIo, type Io } from './io.js';
import { ANALYZE_HELP, analyzeCommand } from './analyze.js';
import { CHECK_HELP, checkCommand } from './check.js';
import { NEW_TEMPLATE_HELP, newTemplate } from './new-template.js';
import {
  TEMPLATE_COMMANDS,
  resetTemplates,
  takeTemplatesOption,
  useTemplates,
} from './templates.js';

const COMMANDS: Record<string, (argv: string[], io: Io) => number | Promise<number>> = {
  list,
  describe,
  preview,
  generate,
  analyze: analyzeCommand,
  check: checkCommand,
  'new-template': newTemplate,
  completion,
};

/** The generator's names for what a user gave, as the CLI's options. */
const FLAG_OF: Record<string, string> = { seed: '--seed', kind: '--kind', fixture: '--fixture' };

/** Each command's --help, which `dlexam help <command>` prints too. */
const COMMAND_HELP: Record<string, string> = {
  ...HELP,
  completion: COMPLETION_HELP,
  analyze: ANALYZE_HELP,
  check: CHECK_HELP,
  'new-template': NEW_TEMPLATE_HELP,
};

/** The CLI's version, read from its package.json at build time (one source of truth). */
export const VERSION: string = version;

/**
 * Runs the CLI and resolves to its exit code: 0 on success, 2 for anything the user can fix (one line
 * on stderr, no stack trace), 1 for a bug (with its stack, so it can be reported).
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h') {
      io.stdout(HELP.main as string);
      return command ? 0 : 2;
    }
    if (command === 'help') {
      const topic = rest[0];
      if (topic === undefined) return (io.stdout(HELP.main as string), 0);
      if (!Object.hasOwn(COMMANDS, topic))
        throw new DlexamError(
          `unknown command '${topic}'; commands: ${Object.keys(COMMANDS).join(', ')}`,
          'help',
        );
      io.stdout(COMMAND_HELP[topic] as string);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`dlexam ${VERSION}\n`);
      return 0;
    }
    // Own properties only: `dlexam constructor` is no command.
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run)
      throw new DlexamError(
        `unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')} (see 'dlexam --help')`,
      );
    resetTemplates();
    let args = rest;
    if (TEMPLATE_COMMANDS.includes(command)) {
      const taken = takeTemplatesOption(rest);
      args = taken.argv;
      if (!args.includes('--help') && !args.includes('-h'))
        await useTemplates(taken.modules, io.cwd);
    }
    return await run(args, io);
  } catch (e) {
    // The generator names what was wrong in its own terms; on the command line that is a flag.
    if (e instanceof DlexamError && e.at && Object.hasOwn(FLAG_OF, e.at)) {
      io.stderr(`dlexam: ${FLAG_OF[e.at]}: ${e.detail}\n`);
      return 2;
    }
    // Every layer's user-facing errors (bad input, what a format cannot express) are UserErrors.
    if (e instanceof UserError) {
      io.stderr(`dlexam: ${e.message}\n`);
      return 2;
    }
    io.stderr(
      `dlexam: internal error — please report it with the command you ran\n${(e as Error).stack ?? String(e)}\n`,
    );
    return 1;
  }
}
