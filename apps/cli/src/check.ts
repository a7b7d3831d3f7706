import { DlexamError, isTemplateId, type AnyTemplate } from '@dlexam/generator';
import {
  PROPERTY_SEEDS,
  auditTemplate,
  type AuditCheck,
  type AuditReport,
} from '@dlexam/generator/testing';
import { positiveIntOption } from './args.js';
import { parse } from './args.js';
import { CHECK_HELP } from './help.js';
import { registry } from './catalog.js';
import type { Io } from './io.js';
import { moduleOf, resolveModule, useTemplates } from './templates.js';

const MIN_SEEDS = 10_000;

/** Variants per kind the grading contract exports and grades (each with every scripted response). */
const CONTRACT_SEEDS = 60;

/**
 * The grading contract (packages/grading-contract): scripted responses (the key, each distractor,
 * near misses) score the same by dlexam's grading model, by Moodle's rules on the exported XML and
 * by Canvas's rules on the exported QTI.
 */
function gradingContract(
  t: AnyTemplate,
  { checkVariants, contractVariants }: typeof import('@dlexam/grading-contract'),
): AuditCheck {
  const c: AuditCheck = {
    name: 'graded alike by the model, Moodle and Canvas',
    ok: true,
    detail: '',
    failures: [],
    failed: 0,
  };
  let responses = 0;
  try {
    for (const batch of contractVariants([t], CONTRACT_SEEDS)) {
      const r = checkVariants(batch);
      responses += r.responses;
      for (const d of r.disagreements) {
        c.ok = false;
        c.failed++;
        if (c.failures.length < 5)
          c.failures.push({
            seed: d.seed,
            kind: d.kind,
            message: `response ${JSON.stringify(d.response)} scores ${d.model} by the model, ${d.moodle} in Moodle, ${d.canvas ?? 'nothing'} in Canvas${d.note ? ` (${d.note})` : ''}`,
          });
      }
    }
  } catch (e) {
    c.ok = false;
    c.failed = 1;
    c.detail = (e as Error).message.split('\n')[0]!;
    return c;
  }
  c.detail = `${responses} scripted responses on ${CONTRACT_SEEDS} variants per kind, same scores`;
  return c;
}

function previewCommand(id: string, seed: number | string, kind: string): string {
  const module = moduleOf(id);
  return `dlexam preview ${id} --seed ${seed} --kind ${kind}${module ? ` --templates ${/\s/.test(module) ? JSON.stringify(module) : module}` : ''}`;
}

function reportText(t: AnyTemplate, r: AuditReport): string {
  const lines = [
    `${t.id} — ${t.title} (${t.topic}; ${t.kinds.join(', ')})${moduleOf(t.id) ? ` from ${moduleOf(t.id)}` : ''}`,
  ];
  for (const c of r.checks) {
    const failed = c.failed > 1 ? ` (${c.failed} seeds failed)` : '';
    lines.push(
      `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.ok ? c.detail : c.failures.length ? `first failing seeds${failed}` : c.detail}`,
    );
    for (const f of c.failures) {
      lines.push(`         seed ${f.seed} (${f.kind}): ${f.message}`);
      lines.push(`           ${previewCommand(t.id, f.seed, f.kind)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function checkCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'check',
    argv,
    { seeds: { type: 'string' }, quick: { type: 'boolean' }, json: { type: 'boolean' } },
    Infinity,
  );
  if (values.help) return (io.stdout(CHECK_HELP), 0);
  if (!positionals.length)
    throw new DlexamError(
      'needs a module (./my-templates.js or a package name) or a template id',
      'check',
    );
  if (values.quick && values.seeds)
    throw new DlexamError('give --seeds or --quick, not both', '--quick');
  const seeds = values.quick
    ? 1000
    : positiveIntOption(values.seeds, 'seeds', PROPERTY_SEEDS, 1_000_000);
  if (!values.quick && seeds < MIN_SEEDS)
    throw new DlexamError(
      `must be at least ${MIN_SEEDS} for a check (got ${seeds}); use --quick for a fast look`,
      '--seeds',
    );
  // Each argument is a template id the registry knows, or a module whose templates are all checked.
  const targets: AnyTemplate[] = [];
  for (const arg of positionals) {
    if (registry.has(arg)) {
      targets.push(registry.get(arg));
      continue;
    }
    let isModule = true;
    try {
      resolveModule(arg, io.cwd, 'check');
    } catch (e) {
      if (!isTemplateId(arg)) throw e;
      isModule = false;
    }
    if (!isModule) {
      targets.push(registry.get(arg, 'check')); // unknown id: throws with suggestions
      continue;
    }
    await useTemplates([arg], io.cwd, 'check');
    targets.push(...registry.list().filter((t) => moduleOf(t.id) === arg));
  }
  // Loaded here only: the other commands never need the LMS graders.
  const contract = await import('@dlexam/grading-contract');
  const reports = targets.map((t) => {
    const r = auditTemplate(t, { seeds });
    const grading = gradingContract(t, contract);
    const report: AuditReport = { ...r, ok: r.ok && grading.ok, checks: [...r.checks, grading] };
    return [t, report] as const;
  });
  const failing = reports.filter(([, r]) => !r.ok);
  if (values.json)
    io.stdout(
      JSON.stringify(
        {
          schema: 'dlexam.check/1',
          ok: failing.length === 0,
          templates: reports.map(([t, r]) => ({ ...r, module: moduleOf(t.id) ?? null })),
        },
        null,
        2,
      ) + '\n',
    );
  else
    io.stdout(
      reports.map(([t, r]) => reportText(t, r)).join('\n') +
        `\n${reports.length} template(s) checked over ${seeds} seeds: ${reports.length - failing.length} clean, ${failing.length} failing${values.quick ? ' (--quick: run without it before you share)' : ''}\n`,
    );
  if (!failing.length) return 0;
  io.stderr(
    `dlexam: check: ${failing.length} of ${reports.length} template(s) failed: ${failing
      .map(
        ([t, r]) =>
          `${t.id} (${r.checks
            .filter((c) => !c.ok)
            .map((c) => c.name)
            .join(', ')})`,
      )
      .join('; ')}\n`,
  );
  return 2;
}
