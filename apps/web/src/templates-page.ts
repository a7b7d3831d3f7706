import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import {
  failures,
  loadFromFile,
  loadFromUrl,
  onChange,
  ownModules,
  ready,
  remove,
} from './own-templates.js';

/**
 * "Your templates" (`#/templates`): load an instructor's template module from a URL or a file;
 * its templates then appear in practice (under their topic) and in the exam builder.
 */
export function TemplatesPage() {
  const [, setTick] = useState(0);
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = () => setTick((n) => n + 1);
  useEffect(() => {
    void ready().then(refresh);
    return onChange(refresh);
  }, []);
  const run = (p: Promise<unknown>) => {
    setBusy(true);
    setError('');
    void p
      .then(() => setUrl(''))
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  const modules = ownModules();
  return html`<section class="card" aria-labelledby="own-h">
    <h1 id="own-h">Your templates</h1>
    <p>Load a template module you wrote (see the authoring guide, <code>docs/authoring.md</code>):
      an ES module exporting <code>templates</code>, built into one self-contained file (the browser
      cannot resolve package names). Its templates join practice, under their topic, and the exam
      builder; they are checked as the CLI checks them, and remembered in this browser.</p>
    <p class="note" data-testid="security-note"><strong>Security:</strong> a template module is
      code, and loading it runs that code in this page with the page's rights: it could read what
      you entered here or change what you download. Load only modules you wrote or trust, from an
      address you control. Nothing is uploaded; the module runs in your browser only.</p>
    <form onSubmit=${(e: Event) => (e.preventDefault(), run(loadFromUrl(url)))}>
      <label>Module address <input type="url" required data-testid="module-url" value=${url}
        placeholder="https://example.edu/my-templates.js"
        onInput=${(e: Event) => setUrl((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" disabled=${busy}>Load</button>
    </form>
    <p><label>Or a file <input type="file" accept=".js,.mjs,text/javascript" data-testid="module-file"
      onChange=${(e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0];
        if (f) run(loadFromFile(f));
        (e.target as HTMLInputElement).value = '';
      }} /></label></p>
    ${error ? html`<p class="error" role="alert" data-testid="module-error">${error}</p>` : null}
    ${failures.length ? html`<p class="error" role="alert">Not loaded again: ${failures.join('; ')}</p>` : null}
    ${
      modules.length
        ? html`<ul data-testid="own-modules">${modules.map(
            (
              m,
            ) => html`<li><strong>${m.source}</strong>${' '}<button type="button" onClick=${() => remove(m.source)}>Remove</button>
              <ul>${m.templates.map(
                (t) =>
                  html`<li><a href=${`#/practice/${encodeURIComponent(t.id)}/p0000000001`}>${t.id}</a>${' — '}${t.title} (${t.topic}; ${t.kinds.join(', ')})</li>`,
              )}</ul></li>`,
          )}</ul>`
        : html`<p class="muted">No module loaded.</p>`
    }
  </section>`;
}
