import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import {
  DlexamError,
  assembleExamSource,
  assertSeed,
  describeSpec,
  describeValid,
  droppedDistractors,
  generateFixture,
  generateVariant,
  parseExamSpec,
  slugify,
  variantDifficulty,
  templateJsonSchema,
  type ExamSpec,
  type Params,
  type AnyTemplate,
  type TemplateRegistry,
} from '@dlexam/generator';
import {
  MULTIPLE_SCORINGS,
  type ExamSource,
  QUESTION_KINDS,
  TOPICS,
  type MultipleScoring,
  type QuestionKind,
  type Topic,
} from '@dlexam/types';
import { listOption, parse, positiveIntOption } from './args.js';
import { templateById } from './topic-templates.js';
import { useTemplates } from './templates.js';
import type { RenderStep } from './formats.js';
import { FORMATS, type Format } from './help.js';
import { checkWritableDir, invalidUtf8Offset, type Io } from './io.js';
import { OutputSet } from './output-set.js';
import { variantAsText } from './text.js';
import { listedPoolSize } from './pool-sizes.js';
import { primeFromBuild } from './effort-scales.js';
import { keepMemoryFlat } from './memory.js';
import { HELP } from './help.js';

export { HELP };

async function templateIdArg(positionals: string[], command: string): Promise<AnyTemplate> {
  const id = positionals[0];
  if (!id) throw new DlexamError(`needs a template id (run 'dlexam list' to see them)`, command);
  return templateById(id, command);
}

function kindOption(value: string | undefined): QuestionKind | undefined {
  if (value === undefined) return undefined;
  if (!QUESTION_KINDS.includes(value as QuestionKind))
    throw new DlexamError(
      `unknown kind '${value}'; allowed: ${QUESTION_KINDS.join(', ')}`,
      '--kind',
    );
  return value as QuestionKind;
}

async function readStructured(cwd: string, path: string, at: string): Promise<unknown> {
  const abs = resolve(cwd, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    throw new DlexamError(
      `cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      at,
    );
  }
  // Decoding would turn each bad byte into U+FFFD, and the exam title into 'T��' in every file.
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0)
    throw new DlexamError(
      `${abs} is not UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`,
      at,
    );
  const text = bytes.toString('utf8');
  const ext = extname(abs).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(ext))
    throw new DlexamError(
      `unsupported file type '${ext || '(none)'}'; use .yaml, .yml or .json`,
      at,
    );
  // The YAML library is loaded only for YAML files (it costs every other command start-up time).
  const parseYaml = ext === '.json' ? undefined : (await import('yaml')).parse;
  try {
    return parseYaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new DlexamError(
      // The yaml library's first line ends in ':' before a code frame: keep the line, not the colon.
      `${abs} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]!.replace(/:\s*$/, '')}`,
      at,
    );
  }
}

/** `--topic` and `--topics` are one option (each command accepts both): a comma list of topics. */
function topicsOption(topic: string | undefined, topics: string | undefined): Topic[] | undefined {
  if (topic === undefined && topics === undefined) return undefined;
  const flag = topics === undefined ? 'topic' : 'topics';
  const value = [topic, topics].filter((x) => x !== undefined).join(',');
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length)
    throw new DlexamError(`needs at least one of ${TOPICS.join(', ')}`, `--${flag}`);
  for (const i of items)
    if (!TOPICS.includes(i as Topic))
      throw new DlexamError(`unknown topic '${i}'; allowed: ${TOPICS.join(', ')}`, `--${flag}`);
  return [...new Set(items)] as Topic[];
}

export async function list(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'list',
    argv,
    { topic: { type: 'string' }, topics: { type: 'string' }, json: { type: 'boolean' } },
    0,
  );
  if (values.help) return (io.stdout(HELP.list as string), 0);
  const topics = topicsOption(values.topic, values.topics);
  const { registry } = await import('./catalog.js');
  const rows = registry
    .list()
    .filter((t) => !topics || topics.includes(t.topic))
    .map((t) => {
      const pool = listedPoolSize(t);
      return {
        id: t.id,
        topic: t.topic,
        title: t.title,
        difficulty: t.difficulty,
        kinds: [...t.kinds],
        pool: {
          variants: pool.variants,
          answers: pool.answers,
          method: pool.method,
          variantsAtLeast: Boolean(pool.variantsAtLeast),
          answersAtLeast: Boolean(pool.answersAtLeast),
          ...(pool.estimate !== undefined ? { estimate: pool.estimate } : {}),
        },
        seedRows: (t.fixtures ?? []).map((f) => f.id),
      };
    });
  if (values.json) {
    io.stdout(JSON.stringify({ schema: 'dlexam.templates/1', templates: rows }, null, 2) + '\n');
    return 0;
  }
  const mark = (_r: (typeof rows)[number], atLeast: boolean) => (atLeast ? '≥' : '');
  // Columns as wide as their longest cell, so long ids and kind lists stay aligned.
  const cells = rows.map((r) => [
    r.id,
    r.kinds.join(','),
    mark(r, r.pool.variantsAtLeast) + r.pool.variants,
    mark(r, r.pool.answersAtLeast) + r.pool.answers,
    r.seedRows.join(' '),
  ]);
  const head = ['TEMPLATE', 'KINDS', 'VARIANTS', 'ANSWERS', 'SEED ROWS'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `${c[0]!.padEnd(width[0]!)}  ${c[1]!.padEnd(width[1]!)}  ${c[2]!.padStart(width[2]!)} / ${c[3]!.padEnd(width[3]!)}  ${c[4]}`.trimEnd();
  io.stdout(
    `${[head, ...cells].map(line).join('\n')}\n\n${rows.length} templates; variants count distinct content after every gate (≥ at least: a large space, counted over 1200 draws)\n`,
  );
  return 0;
}

export async function describe(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('describe', argv, { json: { type: 'boolean' } }, 1);
  if (values.help) return (io.stdout(HELP.describe as string), 0);
  const t = await templateIdArg(positionals, 'describe');
  if (values.json) {
    io.stdout(JSON.stringify(templateJsonSchema(t), null, 2) + '\n');
    return 0;
  }
  // Each parameter: what a pin may be (validity), then what random draws use when that differs.
  const params = Object.entries(t.params).map(([name, spec]) => {
    const valid = describeValid(spec);
    const draw = describeSpec(spec);
    const pad = ''.padEnd(14);
    return [
      `  ${name.padEnd(14)} ${spec.description}`,
      `  ${pad} valid: ${valid}`,
      ...(draw !== valid ? [`  ${pad} draws: ${draw}`] : []),
    ].join('\n');
  });
  const constraints = (t.constraints ?? [])
    .filter((c) => !c.prefer)
    .map((c) => `  - ${c.description}`);
  const preferences = (t.constraints ?? [])
    .filter((c) => c.prefer)
    .map((c) => `  - ${c.description}`);
  io.stdout(
    [
      `${t.id} — ${t.title}`,
      t.objective,
      `topic ${t.topic}, difficulty ${t.difficulty}, kinds ${t.kinds.join(', ')}`,
      '',
      'Parameters:',
      '  (valid: what a pinned value — --params, params: in exam.yaml — may be; draws: what random variants use, where narrower)',
      ...params,
      ...(constraints.length
        ? ['', 'Validity rules (every variant, pinned ones too):', ...constraints]
        : []),
      ...(preferences.length
        ? [
            '',
            'Draw preferences (random draws only; pinned values need not meet them):',
            ...preferences,
          ]
        : []),
      ...(t.fixtures?.length ? ['', `Seed rows: ${t.fixtures.map((f) => f.id).join(', ')}`] : []),
      '',
    ].join('\n'),
  );
  return 0;
}

export async function preview(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'preview',
    argv,
    {
      seed: { type: 'string' },
      fixture: { type: 'string' },
      kind: { type: 'string' },
      params: { type: 'string' },
      'params-file': { type: 'string' },
      json: { type: 'boolean' },
    },
    1,
  );
  if (values.help) return (io.stdout(HELP.preview as string), 0);
  const t = await templateIdArg(positionals, 'preview');
  const kind = kindOption(values.kind);
  if (values.fixture && (values.seed || values.params || values['params-file']))
    throw new DlexamError(
      '--fixture fixes every parameter; do not combine it with --seed or --params',
      '--fixture',
    );
  if (values.params && values['params-file'])
    throw new DlexamError('give --params or --params-file, not both', '--params');
  let pins: Params | undefined;
  if (values.params !== undefined) {
    try {
      pins = JSON.parse(values.params) as Params;
    } catch (e) {
      throw new DlexamError(
        `not valid JSON: ${(e as Error).message}; example: '{"n": 32}'`,
        '--params',
      );
    }
  } else if (values['params-file'] !== undefined)
    pins = (await readStructured(io.cwd, values['params-file'], '--params-file')) as Params;
  if (pins !== undefined && (typeof pins !== 'object' || pins === null || Array.isArray(pins)))
    throw new DlexamError(
      'must be an object mapping parameter names to values',
      values.params ? '--params' : '--params-file',
    );
  const v = values.fixture
    ? generateFixture(t, values.fixture, kind)
    : generateVariant(t, assertSeed(values.seed ?? '1', '--seed'), {
        ...(kind ? { kind } : {}),
        ...(pins ? { pins } : {}),
      });
  // The variant's difficulty on its template's scale (the template's own `difficulty` is a level of
  // the whole template): the measure exam assembly balances versions on. A built-in template's
  // scale comes from the build (ids are unique, so an instructor's template is never primed).
  primeFromBuild();
  const measured = variantDifficulty(t, v);
  // Modelled mistakes that coincide with the key (or each other) with these params are left out.
  const dropped = droppedDistractors(v);
  const note = dropped.length
    ? `\n\nNote: ${dropped.length === 1 ? 'a modelled distractor was' : `${dropped.length} modelled distractors were`} dropped with these params: ${dropped
        .map((d) => `${d.misconception} (${d.value}, ${d.reason})`)
        .join('; ')}`
    : '';
  io.stdout(
    values.json
      ? JSON.stringify(
          {
            ...v,
            variantDifficulty: measured,
            ...(dropped.length ? { droppedDistractors: dropped } : {}),
          },
          null,
          2,
        ) + '\n'
      : `${variantAsText(v).trimEnd()}${note}\n\nDifficulty: level ${measured.level} of 3 (effort ${measured.effort}; 1 easier, 2 typical, 3 harder among this template's ${v.kind} variants)\n`,
  );
  return 0;
}

const SAMPLE_TITLE = 'Sample deep learning exam';
/**
 * The seed of the sample exam (`dlexam generate` with no spec, topics, count or title): a sample is
 * no secret, and a fixed seed makes running it again rewrite the same files instead of refusing to
 * replace "another exam" (which a fresh random seed each run would be).
 */
const SAMPLE_SEED = 'sample';

/**
 * `templates:` in a spec (a module or a list, paths relative to the spec's folder) loads those
 * modules before the slots are checked; the key is then removed, as the exam does not record it.
 */
async function useSpecTemplates(raw: unknown, dir: string): Promise<void> {
  if (typeof raw !== 'object' || raw === null || !('templates' in raw)) return;
  const value = raw.templates;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.length || list.some((x) => typeof x !== 'string' || !x))
    throw new DlexamError(
      'must be a module or a list of modules (./my-templates.js, a package name)',
      'spec.templates',
    );
  await useTemplates(list as string[], dir, 'spec.templates');
  delete (raw as { templates?: unknown }).templates;
}

/** One line per file written, with the KaTeX stylesheet and fonts of an HTML set on one line. */
export function summarizeWritten(paths: string[]): string[] {
  const assets = paths.filter((p) => /[\\/]katex[\\/]/.test(p));
  const lines = paths.filter((p) => !assets.includes(p)).map((p) => `  wrote ${p}`);
  if (assets.length) {
    const dir = assets[0]!.replace(/([\\/]katex)[\\/].*$/, '$1');
    lines.push(
      `  wrote ${dir}/ (KaTeX stylesheet and ${assets.length - 1} fonts, so the HTML renders offline)`,
    );
  }
  return lines;
}

/** The exam `dlexam generate` writes with no spec: `count` questions from each topic. */
export function topicsSpec(
  topics: Topic[],
  count: number,
  versions: number,
  title: string,
  registry: TemplateRegistry,
): ExamSpec {
  return {
    title,
    versions,
    slots: topics
      .filter((t) => registry.byTopic(t).length)
      .map((topic) => ({ topic, count, points: 2 })),
  };
}

/** Progress of the formats on one terminal line (large exams take seconds, PDFs longer). */
function renderProgress(io: Io): (step: RenderStep) => void {
  return ({ format, done, total }) => {
    const count = total === undefined ? '' : ` ${done}/${total}`;
    // `\x1b[K` clears what a longer earlier message left on the line.
    io.stderr(`\rrendering ${format}${count}\x1b[K`);
  };
}

export async function generate(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    'generate',
    argv,
    {
      spec: { type: 'string' },
      topics: { type: 'string' },
      topic: { type: 'string' },
      count: { type: 'string' },
      versions: { type: 'string' },
      seed: { type: 'string' },
      title: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      mode: { type: 'string' },
      paper: { type: 'string' },
      grading: { type: 'string' },
      'show-seed': { type: 'boolean' },
      force: { type: 'boolean' },
    },
    0,
  );
  if (values.help) return (io.stdout(HELP.generate as string), 0);
  const catalog = await import('./catalog.js');
  if (values.spec && (values.topics || values.topic || values.count || values.title))
    throw new DlexamError(
      '--topics, --count and --title build an exam without a spec; put them in the spec instead',
      '--spec',
    );
  const formats = listOption<Format>(values.format, 'format', FORMATS, [
    'json',
    'moodle',
    'qti',
    'html',
  ]);
  const [mode] = listOption(values.mode, 'mode', ['categories', 'plain'] as const, ['categories']);
  const [paper] = listOption(values.paper, 'paper', ['a4', 'letter'] as const, ['a4']);
  const { spec, registry } = await generateSpec(values, io, catalog.registry);
  const outDir = checkWritableDir(resolve(io.cwd, values.out ?? 'out'));
  const examSeed = spec.seed ?? io.secretSeed();
  // Each file goes to a staging folder as it is rendered; the set replaces --out's only when all
  // of it is there, so a refused slot, a failing format or a kill leaves --out as it was.
  const set = new OutputSet(outDir, {
    slug: slugify(spec.title),
    seed: examSeed,
    force: values.force === true,
    trapSignals: io.trapSignals,
  });
  let written: string[];
  let exam: ExamSource;
  primeFromBuild();
  try {
    // Held as references (template, seed, kind per question): each format regenerates the
    // questions it writes, one version at a time, so memory stays flat at any number of versions.
    exam = assembleExamSource(spec, registry, {
      seed: examSeed,
      onProgress: (done, total) => {
        if (io.isTTY && (done === total || done % 25 === 0))
          io.stderr(`\rgenerating questions ${done}/${total}`);
        if (io.isTTY && done === total) io.stderr('\n');
        keepMemoryFlat();
      },
    });
    // The exporters are loaded only by the command that exports.
    const { writeFormats } = await import('./formats.js');
    await writeFormats(
      exam,
      formats,
      {
        mode: mode as 'categories' | 'plain',
        paper: paper as 'a4' | 'letter',
        showSeed: values['show-seed'] === true,
        onProgress: io.isTTY ? renderProgress(io) : undefined,
      },
      (file) => set.put(file.path, file.content),
    );
    if (io.isTTY) io.stderr('\n');
    written = set.commit();
  } finally {
    set.abort();
  }
  io.stdout(
    `${exam.header.title}: ${exam.versionCodes.length} version(s) × ${exam.questionsPerVersion} questions, seed ${exam.header.seed}` +
      `${spec.seed ? '' : ' (random; keep it secret, it regenerates the exam)'}\n` +
      summarizeWritten(written).join('\n') +
      '\n',
  );
  return 0;
}

/** The options of `dlexam generate` that say which exam to build. */
interface GenerateSpecOptions {
  spec?: string | undefined;
  topics?: string | undefined;
  topic?: string | undefined;
  count?: string | undefined;
  versions?: string | undefined;
  seed?: string | undefined;
  title?: string | undefined;
  grading?: string | undefined;
}

/**
 * The exam spec `dlexam generate` builds: `--spec` (its own templates joining the registry, which
 * is returned read again) or the sample exam of `--topics`/`--count`, with `--versions`, `--seed`
 * and `--grading` applied.
 */
async function generateSpec(
  values: GenerateSpecOptions,
  io: Io,
  catalogRegistry: TemplateRegistry,
): Promise<{ spec: ExamSpec; registry: TemplateRegistry }> {
  let registry = catalogRegistry;
  const versionsOpt =
    values.versions === undefined
      ? undefined
      : positiveIntOption(values.versions, 'versions', 1, 10_000);
  const seed = values.seed === undefined ? undefined : assertSeed(values.seed, '--seed');

  let spec: ExamSpec;
  if (values.spec) {
    const raw = await readStructured(io.cwd, values.spec, '--spec');
    await useSpecTemplates(raw, dirname(resolve(io.cwd, values.spec)));
    // The spec's own templates joined the registry: read it again.
    ({ registry } = await import('./catalog.js'));
    spec = parseExamSpec(raw, registry);
    if (versionsOpt) spec.versions = versionsOpt;
  } else {
    const topics = topicsOption(values.topic, values.topics) ?? [...TOPICS];
    const count = positiveIntOption(values.count, 'count', 2, 100);
    spec = parseExamSpec(
      topicsSpec(topics, count, versionsOpt ?? 2, values.title ?? SAMPLE_TITLE, registry),
      registry,
    );
  }
  if (seed) spec.seed = seed;
  const sample =
    !values.spec &&
    values.topic === undefined &&
    values.topics === undefined &&
    values.count === undefined &&
    values.title === undefined;
  if (sample) spec.seed ??= SAMPLE_SEED;
  if (values.grading !== undefined) {
    if (!MULTIPLE_SCORINGS.includes(values.grading as MultipleScoring))
      throw new DlexamError(
        `unknown value '${values.grading}'; allowed: ${MULTIPLE_SCORINGS.join(', ')}`,
        '--grading',
      );
    spec.grading = values.grading as MultipleScoring;
  }
  return { spec, registry };
}
