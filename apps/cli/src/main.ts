import { version } from '../package.json';
import { UserError } from '@dlexam/types';
import {
  ANALYZE_HELP,
  CHECK_HELP,
  COMPLETION_HELP,
  HELP,
  NEW_TEMPLATE_HELP,
  TEMPLATE_COMMANDS,
} from './help.js';
import type { Io } from './io.js';
import { processIo } from './process-io.js';

/** The CLI's own usage errors (an unknown command), without loading the generator's. */
class UsageError extends UserError {
  constructor(message: string, at?: string) {
    super(at ? `${at}: ${message}` : message);
  }
}

type Command = (argv: string[], io: Io) => number | Promise<number>;

/**
 * Each command is loaded when it runs: `dlexam --help` loads no template, `dlexam analyze` no
 * exporter but HTML's.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./commands.js')).list,
  describe: async () => (await import('./commands.js')).describe,
  preview: async () => (await import('./commands.js')).preview,
  generate: async () => (await import('./commands.js')).generate,
  analyze: async () => (await import('./analyze.js')).analyzeCommand,
  check: async () => (await import('./check.js')).checkCommand,
  'new-template': async () => (await import('./new-template.js')).newTemplate,
  completion: async () => (await import('./completion.js')).completion,
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
        throw new UsageError(
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
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load)
      throw new UsageError(
        `unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')} (see 'dlexam --help')`,
      );
    // `<command> --help` needs only its text.
    if (
      rest.length === 1 &&
      ['--help', '-h'].includes(rest[0]!) &&
      Object.hasOwn(COMMAND_HELP, command)
    ) {
      io.stdout(COMMAND_HELP[command] as string);
      return 0;
    }
    // `--templates` (list, describe, preview, generate, check) loads the instructor's modules
    // into the registry first; every run starts from the built-in templates.
    let args = rest;
    if (TEMPLATE_COMMANDS.includes(command)) {
      const templates = await import('./templates.js');
      templates.resetTemplates();
      const taken = templates.takeTemplatesOption(rest);
      args = taken.argv;
      if (!args.includes('--help') && !args.includes('-h'))
        await templates.useTemplates(taken.modules, io.cwd);
    }
    return await (
      await load()
    )(args, io);
  } catch (e) {
    // The generator (loaded only now: `--help` does without it) names what was wrong in its own
    // terms; on the command line that is a flag.
    const { DlexamError } = await import('@dlexam/generator');
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
