import { DlexamError, type AnyTemplate, type TemplateModule } from '@dlexam/generator';
import { loadTextCompiler } from './handlebars-runtime.js';

/**
 * The contract checks, loaded with the first module (see own-templates-check.ts), and handlebars'
 * compiler: an own template's question text was not precompiled with the site (handlebars-runtime.ts).
 */
const checks = () =>
  Promise.all([import('./own-templates-check.js'), loadTextCompiler()]).then(([m]) => m);

/**
 * An instructor's own template modules in the browser: loaded from a URL or from a file they pick,
 * checked exactly as the CLI checks them (`templatesOfModule`, `registryWith`: the contract, no
 * clash, a smoke test), and kept for this browser in localStorage so practice links and the
 * builder keep working after a reload. Loading a module runs its code in this page: only load
 * modules you wrote or trust (see the README's security note).
 */

const STORE = 'dlexam.ownTemplates.v1';

/** A remembered module: its URL, or a picked file's name and source text. */
type Stored = { url: string } | { file: string; source: string };

export interface OwnModule extends TemplateModule {
  stored: Stored;
}

let modules: OwnModule[] = [];
let restoring: Promise<void> | null = null;
const listeners = new Set<() => void>();

const label = (s: Stored) => ('url' in s ? s.url : s.file);

function save(): void {
  try {
    localStorage.setItem(STORE, JSON.stringify(modules.map((m) => m.stored)));
  } catch {
    // Private mode or a full quota: the modules stay for this visit only.
  }
}

/** Imports the module a stored entry names (a picked file through a blob: URL of its text). */
async function importStored(s: Stored): Promise<unknown> {
  if ('url' in s) return import(/* @vite-ignore */ s.url);
  const url = URL.createObjectURL(new Blob([s.source], { type: 'text/javascript' }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** One line for anything a module does wrong while loading, naming it. */
async function read(s: Stored): Promise<OwnModule> {
  let exports: unknown;
  try {
    exports = await importStored(s);
  } catch (e) {
    const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
    throw new DlexamError(
      e instanceof SyntaxError
        ? `${label(s)}: syntax error: ${msg} (an ES module is expected)`
        : `${label(s)}: cannot load: ${msg}${'url' in s ? ' (is it an ES module, served with CORS and a JavaScript type? Bundle its imports: the browser cannot resolve package names)' : ''}`,
    );
  }
  const { templatesOfModule } = await checks();
  return { source: label(s), templates: templatesOfModule(exports, label(s)), stored: s };
}

async function commit(next: OwnModule[], check = true): Promise<void> {
  // Clashes between modules and failing smoke tests refuse the new module; built-in ids cannot
  // clash (their namespaces are dlexam's topics, which instructors' ids may not use).
  if (check) (await checks()).registryWith([], next);
  modules = next;
  save();
  for (const l of listeners) l();
}

/** The modules remembered in this browser, loaded once per page (a failing one is skipped). */
export function ready(): Promise<void> {
  restoring ??= (async () => {
    let stored: Stored[] = [];
    try {
      stored = JSON.parse(localStorage.getItem(STORE) ?? '[]') as Stored[];
    } catch {
      stored = [];
    }
    const loaded: OwnModule[] = [];
    for (const s of Array.isArray(stored) ? stored : [])
      try {
        const m = await read(s);
        (await checks()).registryWith([], [...loaded, m]);
        loaded.push(m);
      } catch (e) {
        failures.push((e as Error).message);
      }
    modules = loaded;
  })();
  return restoring;
}

/** Why remembered modules did not load again this visit. */
export const failures: string[] = [];

/** Loads a module from an address (https://…/my-templates.js); throws one line when it fails. */
export async function loadFromUrl(address: string): Promise<OwnModule> {
  await ready();
  let url: URL;
  try {
    url = new URL(address.trim(), location.href);
  } catch {
    throw new DlexamError(`'${address}' is not an address; give the URL of an ES module`);
  }
  if (!['https:', 'http:'].includes(url.protocol))
    throw new DlexamError(`${url.href}: only http(s) addresses load; pick a local file instead`);
  return await add(await read({ url: url.href }));
}

/** Loads a module from a file the instructor picked. */
export async function loadFromFile(file: File): Promise<OwnModule> {
  await ready();
  return await add(await read({ file: file.name, source: await file.text() }));
}

async function add(m: OwnModule): Promise<OwnModule> {
  // Loading the same module again replaces it (a rebuilt file).
  await commit([...modules.filter((x) => x.source !== m.source), m]);
  return m;
}

/** Forgets a module. */
export function remove(source: string): void {
  // Removing a module cannot make a clash: no check, no wait.
  void commit(
    modules.filter((m) => m.source !== source),
    false,
  );
}

/** The loaded modules, in load order. */
export function ownModules(): readonly OwnModule[] {
  return modules;
}

/** Every loaded template (after `ready()`). */
export function ownTemplates(): AnyTemplate[] {
  return modules.flatMap((m) => m.templates);
}

/** Calls `f` whenever the modules change; returns the unsubscribe. */
export function onChange(f: () => void): () => void {
  listeners.add(f);
  return () => void listeners.delete(f);
}
