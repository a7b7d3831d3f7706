import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DlexamError } from '@dlexam/generator';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with errors a user can act on: node's own messages mention internals, so unknown
 * options and missing values are rephrased with the command's allowed options.
 */
type Values<T extends Options> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
} & { help?: boolean };

export function parse<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  maxPositionals: number,
): { values: Values<T>; positionals: string[] } {
  // `--count -1` is a value, not an option: parseArgs would say the value is missing, so the
  // negative number is attached (`--count=-1`) and the option's own check names the range.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : null;
    if (
      name !== null &&
      Object.hasOwn(options, name) &&
      options[name]!.type === 'string' &&
      next !== undefined &&
      /^-\d/.test(next)
    ) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    const r = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }) as {
      values: Values<T>;
      positionals: string[];
    };
    if (r.positionals.length > maxPositionals)
      throw new DlexamError(
        `unexpected argument '${r.positionals[maxPositionals]}' (see 'dlexam ${command} --help')`,
        command,
      );
    return r;
  } catch (e) {
    if (e instanceof DlexamError) throw e;
    const msg = (e as Error).message;
    const opt = /'(-[^']+)'/.exec(msg)?.[1];
    const allowed = Object.keys(options)
      .map((o) => `--${o}`)
      .concat('--help')
      .join(', ');
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new DlexamError(`unknown option ${opt ?? ''}; allowed: ${allowed}`, command);
    if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new DlexamError(
        `option ${opt ?? ''} needs a value (see 'dlexam ${command} --help')`,
        command,
      );
    throw new DlexamError(msg.split('\n')[0] as string, command);
  }
}

export function positiveIntOption(
  value: string | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new DlexamError(`must be a whole number from 1 to ${max}, got '${value}'`, `--${name}`);
  return Number(value);
}

export function listOption<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  if (value === undefined) return fallback;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length)
    throw new DlexamError(`needs at least one of ${allowed.join(', ')}`, `--${name}`);
  for (const i of items)
    if (!allowed.includes(i as T))
      throw new DlexamError(`unknown value '${i}'; allowed: ${allowed.join(', ')}`, `--${name}`);
  return [...new Set(items)] as T[];
}
