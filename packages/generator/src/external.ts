import { QUESTION_KINDS, TOPICS } from '@dlexam/types';
import { DlexamError } from './errors.js';
import { checkValue, type ParamSpec } from './params.js';
import { TemplateRegistry, namespaceProblem } from './registry.js';
import type { Template, AnyTemplate } from './template.js';
import { gateProblem, generateVariant } from './variant.js';

/**
 * Templates of your own: what an instructor's module (a file, an npm package, a URL in the web app)
 * must export, and the checks every loader runs before one of its templates reaches an exam. The
 * CLI and the web app share these, so a module is refused the same way everywhere, with one line
 * naming the module and the problem.
 */

const DIFFICULTIES = [1, 2, 3];
const PARAM_TYPES = [
  'int',
  'number',
  'enum',
  'int-matrix',
  'int-vector',
  'number-vector',
  'json',
] as const;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const looksLikeTemplate = (x: unknown): boolean =>
  isObject(x) && typeof x.id === 'string' && ('build' in x || 'kinds' in x || 'params' in x);

const what = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'a list'
      : typeof x === 'object'
        ? 'an object'
        : typeof x;

function paramSpecProblem(name: string, spec: unknown): string | null {
  if (!isObject(spec)) return `parameter '${name}' is ${what(spec)}, not a spec object`;
  if (!PARAM_TYPES.includes(spec.type as never))
    return `parameter '${name}' has type ${JSON.stringify(spec.type)}; allowed: ${PARAM_TYPES.join(', ')}`;
  if (typeof spec.description !== 'string' || !spec.description.trim())
    return `parameter '${name}' has no description`;
  const nums = (keys: string[]) =>
    keys.find((k) => typeof spec[k] !== 'number' || !Number.isFinite(spec[k]));
  const bounds = (): string | null =>
    (spec.min as number) > (spec.max as number)
      ? `parameter '${name}' has min ${String(spec.min)} above max ${String(spec.max)}`
      : null;
  switch (spec.type) {
    case 'int':
    case 'int-matrix':
    case 'int-vector': {
      const bad = nums(['min', 'max']);
      if (bad) return `parameter '${name}' needs a finite number '${bad}'`;
      return bounds();
    }
    case 'number':
    case 'number-vector': {
      const bad = nums(['min', 'max', 'step']);
      if (bad) return `parameter '${name}' needs a finite number '${bad}'`;
      if (!((spec.step as number) > 0)) return `parameter '${name}' needs a positive step`;
      return bounds();
    }
    case 'enum':
      return Array.isArray(spec.values) && spec.values.length
        ? null
        : `parameter '${name}' needs a non-empty list 'values'`;
    case 'json':
      return 'example' in spec
        ? checkValue(spec as ParamSpec, spec.example) &&
            `parameter '${name}': its example breaks its schema`
        : `parameter '${name}' needs an 'example' value`;
  }
  return null;
}

/**
 * Why `t` breaks the template contract (`Template` in template.ts), or null: the one problem a
 * loader reports, naming the field (`has no build(params, ctx) function`).
 */
export function templateContractProblem(t: unknown): string | null {
  if (!isObject(t)) return `exports ${what(t)} where a template was expected`;
  const id = typeof t.id === 'string' ? t.id : undefined;
  if (id === undefined) return 'a template has no string id';
  const ns = namespaceProblem(id);
  if (ns) return ns;
  const at = `template '${id}'`;
  if (typeof t.build !== 'function') return `${at} has no build(params, ctx) function`;
  for (const k of ['title', 'objective'] as const)
    if (typeof t[k] !== 'string' || !t[k].trim()) return `${at} has no ${k} text`;
  if (!TOPICS.includes(t.topic as never))
    return `${at} has topic ${JSON.stringify(t.topic)}; allowed: ${TOPICS.join(', ')} (the topic it is practised under; the id keeps your namespace)`;
  if (!DIFFICULTIES.includes(t.difficulty as number))
    return `${at} has difficulty ${JSON.stringify(t.difficulty)}; allowed: 1, 2, 3`;
  if (!Array.isArray(t.tags) || t.tags.some((x) => typeof x !== 'string'))
    return `${at} needs tags, a list of strings`;
  if (!Array.isArray(t.kinds) || !t.kinds.length)
    return `${at} needs kinds, a non-empty list of ${QUESTION_KINDS.join(', ')}`;
  const badKind = t.kinds.find((k) => !QUESTION_KINDS.includes(k as never));
  if (badKind !== undefined)
    return `${at} has kind ${JSON.stringify(badKind)}; allowed: ${QUESTION_KINDS.join(', ')}`;
  if (!isObject(t.params)) return `${at} needs params, an object of parameter specs`;
  for (const [name, spec] of Object.entries(t.params)) {
    const p = paramSpecProblem(name, spec);
    if (p) return `${at}: ${p}`;
  }
  if (t.constraints !== undefined) {
    if (!Array.isArray(t.constraints)) return `${at}: constraints must be a list`;
    for (const c of t.constraints)
      if (!isObject(c) || typeof c.description !== 'string' || typeof c.check !== 'function')
        return `${at}: each constraint needs a description and a check(params) function`;
  }
  for (const k of ['sample', 'verify'] as const)
    if (t[k] !== undefined && typeof t[k] !== 'function')
      return `${at}: ${k} must be a function when given`;
  if (t.fixtures !== undefined) {
    if (!Array.isArray(t.fixtures)) return `${at}: fixtures must be a list`;
    for (const f of t.fixtures)
      if (!isObject(f) || typeof f.id !== 'string' || !isObject(f.params))
        return `${at}: each fixture needs an id and params`;
  }
  return null;
}

/**
 * The templates a module exports, contract-checked. A module exports them as `templates` (a list),
 * as its default export (a list, one template, or an object with `templates`), or as named exports
 * of `defineTemplate(...)` results. Throws a one-line `DlexamError` naming `source` otherwise.
 */
export function templatesOfModule(exports: unknown, source: string): AnyTemplate[] {
  const fail = (problem: string): never => {
    throw new DlexamError(`${source}: ${problem}`);
  };
  const mod = isObject(exports) ? exports : {};
  let found: unknown[] | undefined;
  let from = '';
  const def = mod.default;
  if (mod.templates !== undefined) {
    if (!Array.isArray(mod.templates))
      fail(`exports 'templates' as ${what(mod.templates)}; export a list of templates`);
    found = mod.templates as unknown[];
    from = "'templates'";
  } else if (Array.isArray(def)) {
    found = def;
    from = 'its default export';
  } else if (isObject(def) && Array.isArray(def.templates)) {
    found = def.templates;
    from = "its default export's 'templates'";
  } else if (looksLikeTemplate(def)) {
    found = [def];
    from = 'its default export';
  } else {
    found = Object.values(mod).filter(looksLikeTemplate);
    from = 'its named exports';
  }
  if (!found.length)
    fail(
      `exports no templates; export a list 'templates' (or a default export) of defineTemplate({...}) results`,
    );
  found.forEach((t, i) => {
    const problem = templateContractProblem(t);
    if (problem) fail(problem.startsWith('template ') ? problem : `${from}[${i}] ${problem}`);
  });
  return found as AnyTemplate[];
}

/**
 * The quick check every loader runs on an instructor's template (seed 0, in each kind it declares):
 * it builds a variant that passes the gates and, when the template has `verify`, its own check.
 * The full check over 10,000 seeds is `dlexam check`. Returns the problem or null.
 */
export function smokeProblem(t: AnyTemplate): string | null {
  for (const kind of t.kinds) {
    const at = `template ${t.id} seed 0 (${kind})`;
    let v;
    try {
      v = generateVariant(t, 0, { kind });
    } catch (e) {
      return `${at}: ${firstLine(e)}`;
    }
    const gate = gateProblem(v);
    if (gate) return `${at}: gate failed: ${gate}`;
    if (t.verify)
      try {
        t.verify(v, v.params);
      } catch (e) {
        return `${at}: its own verify fails: ${firstLine(e)}`;
      }
  }
  return null;
}

const firstLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** A module's templates, as a loader read them. */
export interface TemplateModule {
  /** How the user named it (`./my-templates.js`, `@myclass/dlexam-templates`, a URL). */
  source: string;
  templates: AnyTemplate[];
}

/**
 * The registry of dlexam's own templates plus instructors' modules, each module's templates
 * smoke-checked (`smokeProblem`). A clash (an id two modules define, or one the built-ins have)
 * is a `DlexamError` naming the modules.
 */
export function registryWith(
  builtins: readonly AnyTemplate[],
  modules: readonly TemplateModule[],
  opts: { smoke?: boolean } = {},
): TemplateRegistry {
  const owner = new Map<string, string>(builtins.map((t) => [t.id, 'dlexam']));
  const external: AnyTemplate[] = [];
  for (const m of modules)
    for (const t of m.templates) {
      const prior = owner.get(t.id);
      if (prior !== undefined)
        throw new DlexamError(
          `${m.source}: duplicate template id '${t.id}' (${prior === 'dlexam' ? 'a built-in id' : prior === m.source ? 'twice in this module' : `also in ${prior}`}); give each template an id of its own`,
        );
      owner.set(t.id, m.source);
      if (opts.smoke !== false) {
        const problem = smokeProblem(t);
        if (problem) throw new DlexamError(`${m.source}: ${problem}`);
      }
      external.push(t);
    }
  return new TemplateRegistry(builtins, external);
}
