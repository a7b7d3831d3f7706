import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import {
  describeSpec,
  describeValid,
  domainOf,
  narrowSpec,
  poolSize,
  type Narrowing,
  type ParamSpec,
  type PoolSize,
  type Template,
} from '@dlexam/generator';
import type { Json, QuestionKind } from '@dlexam/types';

/**
 * The "Parameters" section of a single-template slot: a form generated from the template's
 * parameter schema. Numeric parameters get a min/max pair, enums a checkbox per value; the form
 * state turns into the slot's `params` narrowing of the exam spec (validated by `parseExamSpec`).
 */

/** What the instructor typed, per parameter; parameters never touched are absent (= full domain). */
export type ParamInput = { lo: string; hi: string } | { checked: Json[] };
export type ParamInputs = Record<string, ParamInput>;

type Offered = ParamSpec & { type: 'int' | 'number' | 'enum' };

const isOffered = (spec: ParamSpec): spec is Offered =>
  spec.type === 'int' || spec.type === 'number' || spec.type === 'enum';

/** Parameters the form offers (ranges and value lists) and those it leaves to exam.yaml. */
export function splitParams(t: Template<any>): {
  offered: [string, Offered][];
  other: [string, ParamSpec][];
} {
  const entries = Object.entries(t.params as Record<string, ParamSpec>);
  return {
    offered: entries.filter((e): e is [string, Offered] => isOffered(e[1])),
    other: entries.filter(([, s]) => !isOffered(s)),
  };
}

/** What random draws use and, where wider, what a value typed in may be (the validity). */
function domainText(spec: Offered): string {
  const draws = describeSpec(spec);
  const valid = describeValid(spec);
  return valid === draws ? draws : `draws: ${draws}; any valid value: ${valid}`;
}

function rangeOf(spec: Offered, input: ParamInput | undefined): { lo: string; hi: string } {
  if (spec.type === 'enum') throw new Error('enum has no range');
  return input && 'lo' in input ? input : { lo: String(spec.min), hi: String(spec.max) };
}

function checkedOf(spec: Offered, input: ParamInput | undefined): Json[] {
  if (spec.type !== 'enum') throw new Error('only an enum has values');
  return input && 'checked' in input ? input.checked : [...spec.values];
}

/**
 * One parameter's narrowing, or null for "the whole domain". Throws a readable message (without the
 * field path) when the inputs cannot make a narrowing, e.g. min above max.
 */
function narrowingOf(name: string, spec: Offered, input: ParamInput | undefined): Narrowing | null {
  if (spec.type === 'enum') {
    const checked = checkedOf(spec, input);
    if (!checked.length)
      throw new Error(`check at least one value; ${name} is ${describeSpec(spec)}`);
    if (checked.length === spec.values.length) return null;
    // Keep the schema's order so exam.yaml does not depend on the click order.
    return { in: spec.values.filter((v) => checked.includes(v)) };
  }
  const { lo: loText, hi: hiText } = rangeOf(spec, input);
  const lo = loText.trim() === '' ? NaN : Number(loText);
  const hi = hiText.trim() === '' ? NaN : Number(hiText);
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new Error(`enter both a minimum and a maximum; ${name} is ${describeSpec(spec)}`);
  if (lo > hi)
    throw new Error(
      `the minimum ${lo} is above the maximum ${hi}; ${name} is ${describeSpec(spec)}`,
    );
  if (lo === spec.min && hi === spec.max) return null;
  if (lo === hi) return lo; // a pin
  if (Number.isInteger(lo) && Number.isInteger(hi)) return [lo, hi];
  if (spec.type === 'int') throw new Error(`enter whole numbers; ${name} is ${describeSpec(spec)}`);
  // The spec format's [lo, hi] range takes whole-number bounds; a fractional range of a stepped
  // number parameter is written as the list of its allowed values instead.
  const values = domainOf(spec, 200)?.filter(
    (v) => (v as number) >= lo - 1e-9 && (v as number) <= hi + 1e-9,
  );
  if (!values) return [lo, hi]; // parseExamSpec explains what is allowed
  if (!values.length)
    throw new Error(
      `no value between ${lo} and ${hi} is allowed; ${name} is ${describeSpec(spec)}`,
    );
  return { in: values };
}

export interface SlotParams {
  /** The slot's `params` (empty when nothing is narrowed). */
  params: Record<string, Narrowing>;
  /** Per parameter, why its inputs are invalid (checked with the generator's own narrowing rules). */
  problems: Record<string, string>;
}

/** The narrowing a slot's form describes, with per-parameter problems. */
export function slotParams(t: Template<any>, inputs: ParamInputs): SlotParams {
  const params: Record<string, Narrowing> = {};
  const problems: Record<string, string> = {};
  for (const [name, spec] of splitParams(t).offered) {
    try {
      const n = narrowingOf(name, spec, inputs[name]);
      if (n === null) continue;
      narrowSpec(name, spec, n, 'params'); // the rule parseExamSpec applies, for inline feedback
      params[name] = n;
    } catch (e) {
      // narrowSpec messages start with their path ("params.s: …"); the form shows them per field.
      problems[name] = (e as Error).message.replace(/^params\.[^:]+: /, '');
    }
  }
  return { params, problems };
}

function poolText(p: PoolSize): string {
  const about = (atLeast?: boolean) =>
    atLeast ? 'at least ' : p.method === 'estimated' ? '≈ ' : '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `pool: ${about(p.variantsAtLeast)}${plural(p.variants, 'variant')}, ${about(p.answersAtLeast)}${plural(p.answers, 'distinct answer')}${p.method === 'estimated' ? ' (estimated)' : ''}`;
}

interface Props {
  template: Template<any>;
  /** Stable id of the slot row (for element ids) and its position (for labels). */
  rowId: number;
  index: number;
  kind: QuestionKind | '';
  inputs: ParamInputs;
  onChange: (inputs: ParamInputs) => void;
  /** Bumped by "Preview versions": the pool is (re)counted then even with the section closed. */
  previewTick: number;
}

export function ParamsForm({ template, rowId, index, kind, inputs, onChange, previewTick }: Props) {
  const [open, setOpen] = useState(false);
  const [pool, setPool] = useState<{ text: string; empty: boolean } | null>(null);
  const { offered, other } = splitParams(template);
  const { params, problems } = slotParams(template, inputs);
  const narrowed = Object.keys(params).length;
  const changed = Object.keys(inputs).length;
  const invalid = Object.keys(problems).length > 0;
  const key = JSON.stringify([template.id, kind, params, invalid]);

  // Counting a pool can take ~100 ms, so it runs only once the section is open or on preview, and
  // after a short pause so typing stays responsive.
  useEffect(() => {
    if (!open && previewTick === 0) return;
    if (invalid) {
      setPool({ text: 'pool: fix the parameters first', empty: true });
      return;
    }
    setPool((p) =>
      p ? { ...p, text: 'pool: counting…' } : { text: 'pool: counting…', empty: false },
    );
    const timer = setTimeout(() => {
      try {
        const p = poolSize(template, {
          kind: kind || template.kinds[0]!,
          ...(narrowed ? { narrow: params } : {}),
        });
        setPool({ text: poolText(p), empty: p.variants === 0 });
      } catch (e) {
        setPool({ text: `pool: ${(e as Error).message}`, empty: true });
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [key, open, previewTick]);

  const set = (name: string, input: ParamInput | undefined) => {
    const next = { ...inputs };
    if (input) next[name] = input;
    else delete next[name];
    onChange(next);
  };
  const id = (name: string, part: string) => `slot${rowId}-${name}-${part}`;

  return html`<details class="params" open=${open} onToggle=${(ev: Event) => setOpen((ev.target as HTMLDetailsElement).open)} data-testid=${`params-${index}`}>
    <summary>Parameters <span class="muted">· ${changed ? `${changed} narrowed` : 'full range'}${invalid ? ' · needs fixing' : ''}</span>
      ${pool ? html` <span class=${pool.empty ? 'pool bad' : 'pool'} data-testid=${`pool-${index}`} aria-live="polite">· ${pool.text}</span>` : null}</summary>
    <div class="params-grid">
      ${offered.map(([name, spec]) => {
        const problem = problems[name];
        const describedBy = `${id(name, 'desc')}${problem ? ` ${id(name, 'err')}` : ''}`;
        const head = html`<legend><code>${name}</code> ${spec.description}</legend>
          <p class="muted domain" id=${id(name, 'desc')}>${domainText(spec)}</p>`;
        const error = problem
          ? html`<p class="error small" id=${id(name, 'err')}>${problem}</p>`
          : null;
        if (spec.type === 'enum') {
          const checked = checkedOf(spec, inputs[name]);
          return html`<fieldset class=${problem ? 'param invalid' : 'param'}>${head}
            <div class="values">${spec.values.map(
              (v) => html`<label class="check">
              <input type="checkbox" checked=${checked.includes(v)} aria-describedby=${describedBy}
                onChange=${(ev: Event) => {
                  const on = (ev.target as HTMLInputElement).checked;
                  const next = spec.values.filter((x) => (x === v ? on : checked.includes(x)));
                  set(name, next.length === spec.values.length ? undefined : { checked: next });
                }} />
              <span><span class="sr-only">${name} </span>${String(v)}</span></label>`,
            )}</div>${error}</fieldset>`;
        }
        const range = rangeOf(spec, inputs[name]);
        const edit = (part: 'lo' | 'hi') => (ev: Event) => {
          const next = { ...range, [part]: (ev.target as HTMLInputElement).value };
          set(
            name,
            next.lo === String(spec.min) && next.hi === String(spec.max) ? undefined : next,
          );
        };
        // step="any": otherwise the browser blocks "Preview" with its own bubble on a value off its
        // step grid; every check is ours (inline and in the alert), worded like parseExamSpec's.
        return html`<fieldset class=${problem ? 'param invalid' : 'param'}>${head}
          <div class="range">
            <label><span><span class="sr-only">${name} </span>min</span>
              <input type="number" step="any" value=${range.lo} aria-invalid=${problem ? 'true' : undefined} aria-describedby=${describedBy} onInput=${edit('lo')} /></label>
            <label><span><span class="sr-only">${name} </span>max</span>
              <input type="number" step="any" value=${range.hi} aria-invalid=${problem ? 'true' : undefined} aria-describedby=${describedBy} onInput=${edit('hi')} /></label>
          </div>${error}</fieldset>`;
      })}
    </div>
    ${
      other.length
        ? html`<p class="muted note">Not offered here: ${other.map(([n, s], i) => html`${i ? '; ' : ''}<code>${n}</code> (${s.type === 'json' ? s.description : describeSpec(s)})`)}. Narrow or pin them under <code>params</code> in exam.yaml.</p>`
        : null
    }
    <div class="actions">
      <button type="button" disabled=${!Object.keys(inputs).length} onClick=${() => onChange({})}>Reset parameters</button>
      <span class="muted">A min equal to the max pins the value; a subset of checked values narrows the list.</span>
    </div>
  </details>`;
}
