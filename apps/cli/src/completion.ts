import { DlexamError } from '@dlexam/generator';
import { MULTIPLE_SCORINGS, QUESTION_KINDS, TOPICS } from '@dlexam/types';
import { parse } from './args.js';
import { registry } from './catalog.js';
import { FORMATS } from './formats.js';
import { COMPLETION_HELP } from './help.js';
import type { Io } from './io.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

export { COMPLETION_HELP };

/** Each command's options, as its --help lists them (a test keeps the two in step). */
export const COMMAND_OPTIONS: Record<string, string[]> = {
  list: ['--topic', '--topics', '--json', '--templates', '--help'],
  describe: ['--json', '--templates', '--help'],
  preview: [
    '--seed',
    '--fixture',
    '--kind',
    '--params',
    '--params-file',
    '--json',
    '--templates',
    '--help',
  ],
  generate: [
    '--spec',
    '--topics',
    '--topic',
    '--count',
    '--versions',
    '--seed',
    '--title',
    '--format',
    '--out',
    '--mode',
    '--paper',
    '--grading',
    '--show-seed',
    '--force',
    '--templates',
    '--help',
  ],
  analyze: ['--exam', '--results', '--grades', '--out', '--practice', '--help'],
  check: ['--seeds', '--quick', '--json', '--templates', '--help'],
  'new-template': ['--out', '--force', '--help'],
  completion: ['--help'],
};

const COMMANDS = [
  'list',
  'describe',
  'preview',
  'generate',
  'analyze',
  'check',
  'new-template',
  'completion',
  'help',
];

/** Values an option takes (for completion); 'file' and 'dir' complete paths. */
function optionValues(): Record<string, string[] | 'file' | 'dir'> {
  return {
    '--topic': [...TOPICS],
    '--topics': [...TOPICS],
    '--kind': [...QUESTION_KINDS],
    '--format': [...FORMATS],
    '--mode': ['categories', 'plain'],
    '--paper': ['a4', 'letter'],
    '--grading': [...MULTIPLE_SCORINGS],
    '--fixture': registry.list().flatMap((t) => (t.fixtures ?? []).map((f) => f.id)),
    '--spec': 'file',
    '--templates': 'file',
    '--exam': 'file',
    '--results': 'file',
    '--grades': 'file',
    '--params-file': 'file',
    '--out': 'dir',
  };
}

function bash(): string {
  const ids = registry.list().map((t) => t.id);
  const values = optionValues();
  const valueCases = Object.entries(values)
    .map(([o, v]) =>
      v === 'file'
        ? `    ${o}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`
        : v === 'dir'
          ? `    ${o}) COMPREPLY=($(compgen -d -- "$cur")); return ;;`
          : `    ${o}) COMPREPLY=($(compgen -W "${v.join(' ')}" -- "$cur")); return ;;`,
    )
    .join('\n');
  const commandCases = Object.entries(COMMAND_OPTIONS)
    .map(([c, opts]) => {
      const words =
        c === 'describe' || c === 'preview' || c === 'check'
          ? `$([[ "$cur" == -* ]] && echo "${opts.join(' ')}" || echo "$templates")`
          : c === 'completion'
            ? `${SHELLS.join(' ')} ${opts.join(' ')}`
            : opts.join(' ');
      return `    ${c}) COMPREPLY=($(compgen -W "${words}" -- "$cur")) ;;`;
    })
    .join('\n');
  return `# dlexam completion for bash: eval "$(dlexam completion bash)"
_dlexam() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local templates="${ids.join(' ')}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${COMMANDS.join(' ')} --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
${valueCases}
  esac
  case "\${COMP_WORDS[1]}" in
${commandCases}
    help) COMPREPLY=($(compgen -W "${COMMANDS.filter((c) => c !== 'help').join(' ')}" -- "$cur")) ;;
  esac
}
complete -o default -F _dlexam dlexam
`;
}

function zsh(): string {
  // zsh runs the bash function through its bash-completion layer (bashcompinit).
  return `# dlexam completion for zsh: eval "$(dlexam completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash().split('\n').slice(1).join('\n')}`;
}

function fish(): string {
  const q = (s: string) => `'${s.replaceAll("'", "\\'")}'`;
  const lines = [
    '# dlexam completion for fish: dlexam completion fish > ~/.config/fish/completions/dlexam.fish',
    'complete -c dlexam -f',
    `complete -c dlexam -n __fish_use_subcommand -a ${q(COMMANDS.join(' '))}`,
    'complete -c dlexam -n __fish_use_subcommand -l help -l version',
    `complete -c dlexam -n '__fish_seen_subcommand_from describe preview' -a ${q(
      registry
        .list()
        .map((t) => t.id)
        .join(' '),
    )}`,
    `complete -c dlexam -n '__fish_seen_subcommand_from completion' -a ${q(SHELLS.join(' '))}`,
    `complete -c dlexam -n '__fish_seen_subcommand_from help' -a ${q(COMMANDS.filter((c) => c !== 'help').join(' '))}`,
  ];
  const values = optionValues();
  for (const [c, opts] of Object.entries(COMMAND_OPTIONS))
    for (const o of opts) {
      const v = values[o];
      const what =
        v === undefined
          ? ''
          : v === 'file'
            ? ' -r -F'
            : v === 'dir'
              ? ' -r -a "(__fish_complete_directories)"'
              : ` -r -a ${q(v.join(' '))}`;
      lines.push(
        `complete -c dlexam -n '__fish_seen_subcommand_from ${c}' -l ${o.slice(2)}${what}`,
      );
    }
  return lines.join('\n') + '\n';
}

export function completion(argv: string[], io: Io): number {
  const { values, positionals } = parse('completion', argv, {}, 1);
  if (values.help) return (io.stdout(COMPLETION_HELP), 0);
  const shell = positionals[0];
  if (!shell || !SHELLS.includes(shell as Shell))
    throw new DlexamError(
      `${shell ? `unknown shell '${shell}'` : 'needs a shell'}; allowed: ${SHELLS.join(', ')}`,
      'completion',
    );
  io.stdout({ bash, zsh, fish }[shell as Shell]());
  return 0;
}
