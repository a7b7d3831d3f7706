import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DlexamError,
  registryWith,
  templatesOfModule,
  type TemplateModule,
} from '@dlexam/generator';

/**
 * The catalog (every built-in topic), once this module needed it. A command about one template
 * loads only its topic (topic-templates.ts), so the catalog is imported here only when an
 * instructor's modules join the built-ins.
 */
let catalog: typeof import('./catalog.js') | undefined;

/**
 * Instructors' template modules: `--templates ./my-templates.js` (repeatable, or a comma list), a
 * package name (`@myclass/dlexam-templates`, resolved from the working directory's node_modules),
 * or `templates:` in an exam spec (paths relative to the spec). Each module is imported by Node,
 * its templates are contract-checked and smoke-tested (`registryWith`), and they join the built-ins
 * in `registry`. Every failure is one line naming the module.
 */

/** The commands that take `--templates`. */

/** Modules loaded in this run, in order (the registry's external part). */
let loaded: (TemplateModule & { at: string })[] = [];

/** Back to the built-in templates (each `main` run starts here). */
export function resetTemplates(): void {
  loaded = [];
  // Only `useTemplates` (through `catalog`) ever replaces the catalog's registry.
  catalog?.setRegistry(catalog.builtinRegistry);
}

/** The module a template id came from, or undefined for a built-in. */
export function moduleOf(id: string): string | undefined {
  return loaded.find((m) => m.templates.some((t) => t.id === id))?.source;
}

/** Removes every `--templates X` / `--templates=X` from argv; returns the rest and the values. */
export function takeTemplatesOption(argv: string[]): { argv: string[]; modules: string[] } {
  const rest: string[] = [];
  const modules: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let value: string | undefined;
    if (a === '--templates') {
      value = argv[++i];
      if (value === undefined || value.startsWith('--'))
        throw new DlexamError(
          'needs a module: a file such as ./my-templates.js or a package name',
          '--templates',
        );
    } else if (a.startsWith('--templates=')) value = a.slice('--templates='.length);
    if (value === undefined) rest.push(a);
    else
      modules.push(
        ...value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  }
  return { argv: rest, modules };
}

const isPathLike = (s: string) =>
  s.startsWith('.') ||
  isAbsolute(s) ||
  /\.(m?js|cjs|m?ts|cts|tsx|jsx)$/i.test(s) ||
  s.includes('\\');

/** The entry of a package.json `exports` value for ESM import (the `.`, or a subpath). */
function exportTarget(exp: unknown, sub: string): string | undefined {
  if (typeof exp === 'string') return sub === '.' ? exp : undefined;
  if (Array.isArray(exp)) {
    for (const e of exp) {
      const t = exportTarget(e, sub);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof exp !== 'object' || exp === null) return undefined;
  const o = exp as Record<string, unknown>;
  if (Object.keys(o).some((k) => k.startsWith('.')))
    return Object.hasOwn(o, sub) ? exportTarget(o[sub], '.') : undefined;
  for (const cond of ['import', 'node', 'module', 'default'])
    if (Object.hasOwn(o, cond)) {
      const t = exportTarget(o[cond], '.');
      if (t) return t;
    }
  return undefined;
}

/** Finds an installed package's ES module entry, as Node would from `cwd`. */
function resolvePackage(spec: string, cwd: string, at: string): string {
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const sub = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name);
    const pj = join(root, 'package.json');
    if (existsSync(pj)) {
      let pkg: Record<string, unknown>;
      try {
        pkg = JSON.parse(readFileSync(pj, 'utf8')) as Record<string, unknown>;
      } catch (e) {
        throw new DlexamError(`${spec}: cannot read ${pj}: ${(e as Error).message}`, at);
      }
      const target =
        pkg.exports !== undefined
          ? exportTarget(pkg.exports, sub)
          : sub !== '.'
            ? sub
            : ((pkg.module ?? pkg.main ?? 'index.js') as string);
      if (!target)
        throw new DlexamError(
          `${spec}: package ${name} exports no ${sub === '.' ? 'ES module entry' : `'${sub}'`} for import`,
          at,
        );
      const file = join(root, target);
      if (!existsSync(file))
        throw new DlexamError(
          `${spec}: ${file} does not exist; build the package first (npm run build)`,
          at,
        );
      return file;
    }
    if (dirname(dir) === dir) break;
  }
  throw new DlexamError(
    `cannot find package '${spec}' from ${cwd}; install it, or give a file such as ./my-templates.js`,
    at,
  );
}

/** The absolute file of a module argument (a path or an installed package). */
export function resolveModule(spec: string, cwd: string, at = '--templates'): string {
  if (!isPathLike(spec)) return resolvePackage(spec, cwd, at);
  const file = resolve(cwd, spec);
  const ext = extname(file).toLowerCase();
  if (['.ts', '.mts', '.cts', '.tsx'].includes(ext))
    throw new DlexamError(
      `${spec}: is TypeScript; compile it to JavaScript first (tsc or tsup, see docs/authoring.md) and pass the .js`,
      at,
    );
  if (!existsSync(file))
    throw new DlexamError(
      `${spec}: no such file (${file})${ext === '.js' || ext === '.mjs' ? '; build it first if it is compiled' : ''}`,
      at,
    );
  if (statSync(file).isDirectory())
    throw new DlexamError(
      `${spec}: is a directory; give the module file (its package.json 'exports' entry)`,
      at,
    );
  return file;
}

/**
 * Node's own `import()`, not a bundler's or test runner's rewrite of it: a module is loaded exactly
 * as the released CLI loads it. The CommonJS bundle `bin.cjs` runs has no `import()` of its own (a
 * vm script gets one only behind a Node flag), so `bin.cjs` hands it its own (`useModuleImport`).
 */
let nativeImport = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

/** Imports instructors' template modules with `load` (an ES module's own `import()`). */
export function useModuleImport(load: (url: string) => Promise<unknown>): void {
  nativeImport = load;
}

/** `file:line` of a syntax error, from `node --check` (Node's ESM SyntaxError carries no location). */
function syntaxLocation(file: string): string {
  // From stdin as a module: a file argument would be parsed as CommonJS first when ambiguous.
  const r = spawnSync(process.execPath, ['--input-type=module', '--check'], {
    input: readFileSync(file),
    encoding: 'utf8',
    timeout: 10_000,
  });
  const m = /^\[stdin\]:(\d+)$/m.exec(r.stderr ?? '');
  return m ? `line ${m[1]}` : '';
}

/** Imports one module and returns its contract-checked templates. */
export async function importTemplateModule(
  spec: string,
  cwd: string,
  at = '--templates',
): Promise<TemplateModule> {
  const file = resolveModule(spec, cwd, at);
  let exports: unknown;
  try {
    exports = await nativeImport(pathToFileURL(file).href);
  } catch (e) {
    const err = e as Error & { code?: string };
    const msg = (err?.message ?? String(e)).split('\n')[0]!;
    if (err instanceof SyntaxError && !err.code) {
      const where = syntaxLocation(file);
      throw new DlexamError(
        `${spec}: syntax error${where ? ` at ${where}` : ''}: ${msg} (an ES module is expected)`,
        at,
      );
    }
    if (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'ERR_UNSUPPORTED_DIR_IMPORT')
      throw new DlexamError(
        `${spec}: cannot load: ${msg}; install what it imports, or bundle it (docs/authoring.md)`,
        at,
      );
    if (err?.code === 'ERR_REQUIRE_ESM' || /require is not defined|module is not defined/.test(msg))
      throw new DlexamError(
        `${spec}: is not an ES module (${msg}); use export, not module.exports`,
        at,
      );
    throw new DlexamError(`${spec}: throws while loading: ${msg}`, at);
  }
  return { source: spec, templates: templatesOfModule(exports, `${at}: ${spec}`) };
}

/**
 * Loads modules and adds their templates to `registry` (after any loaded before), refusing
 * clashes with built-in ids or between modules, and templates that fail their smoke check.
 */
export async function useTemplates(
  specs: readonly string[],
  cwd: string,
  at = '--templates',
): Promise<void> {
  if (!specs.length) return;
  const fresh: (TemplateModule & { at: string })[] = [];
  for (const spec of specs) {
    if (loaded.some((m) => m.source === spec) || fresh.some((m) => m.source === spec)) continue;
    fresh.push({ ...(await importTemplateModule(spec, cwd, at)), at });
  }
  const all = [...loaded, ...fresh];
  catalog ??= await import('./catalog.js');
  catalog.setRegistry(
    registryWith(
      catalog.builtinTemplates,
      all.map((m) => ({ ...m, source: `${m.at}: ${m.source}` })),
    ),
  );
  loaded = all;
}
