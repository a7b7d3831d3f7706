import { QUESTION_KINDS, TOPICS } from '@dlexam/types';

/**
 * Every command's --help, apart from the commands: `dlexam --help` and `dlexam <command> --help`
 * load this module and nothing heavier (no template, no exporter).
 */

/** Output formats of `dlexam generate`; each maps to one exporter package. */
export const FORMATS = ['json', 'moodle', 'qti', 'html', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** The `--templates` option, as every command that loads templates lists it. */
export const TEMPLATES_HELP = `  --templates M    also load your templates from M: an ES module file (./my-templates.js) or an
                   installed package name; repeat it or give a comma list (docs/authoring.md)`;

/** The commands that take `--templates`. */
export const TEMPLATE_COMMANDS = ['list', 'describe', 'preview', 'generate', 'check'];

export const HELP: Record<string, string> = {
  main: `dlexam — verified, randomized deep-learning exam questions

Usage: dlexam <command> [options]

Commands:
  list          list the templates with their kinds, pool sizes and seed rows
  describe      show a template's parameters (JSON Schema with --json)
  preview       render one variant of a template
  generate      assemble an exam and write it as JSON, Moodle XML, Canvas QTI, HTML (and PDF)
  analyze       after the exam: item statistics and misconceptions from LMS results
  check         run the full harness on your template module (or a template id)
  new-template  write a commented starter template and its test
  completion    print a bash, zsh or fish completion script
  help          'dlexam help <command>' shows a command's options

Options:
  --help, -h     this help ('dlexam <command> --help' for a command's options)
  --version, -v  print the version
`,
  list: `Usage: dlexam list [--topics A,B] [--json]

Lists every template: id, topic, kinds, pool size (distinct variants / distinct answers; '~' marks
an estimate) and the seed rows it reproduces.

  --topics A,B  only these topics (${TOPICS.join(', ')}); --topic is the same
  --json        machine-readable output
${TEMPLATES_HELP}
`,
  describe: `Usage: dlexam describe <template-id> [--json]

Shows a template's parameters: name, domain and meaning, and the constraints between them.
With --json, prints the parameter schema as JSON Schema (draft 2020-12).

${TEMPLATES_HELP}
`,
  preview: `Usage: dlexam preview <template-id> [--seed S | --fixture ROW] [--kind K] [--params JSON | --params-file F] [--json]

  --seed S         variant seed (letters, digits, - and _; default 1)
  --fixture ROW    render a seed exercise, e.g. S001-conv-15 (see 'dlexam list')
  --kind K         ${QUESTION_KINDS.join(', ')} (default: the template's first kind)
  --params JSON    pin parameters, e.g. '{"n": 227, "k": 11}'; the rest are drawn from the seed
  --params-file F  the same from a .json or .yaml file
  --json           print the variant as JSON (schema: README, "Variant JSON")
${TEMPLATES_HELP}
`,
  generate: `Usage: dlexam generate [--spec exam.yaml] [options]

With no options, writes a sample exam (every topic, 2 versions) as JSON, Moodle XML, Canvas QTI
and HTML into ./out (PDF only with --format pdf).

  --spec F        exam spec (.yaml, .yml or .json; see README "Exam spec")
  --topics A,B    instead of a spec: draw from these topics (${TOPICS.join(', ')});
                  --topic is the same
  --count N       with --topics: questions per topic (default 2)
  --versions N    number of versions (overrides the spec; default 2 without a spec)
  --seed S        exam seed (default: a random secret seed, recorded in the output;
                  the sample exam, with no spec, topics, count or title: 'sample')
  --title T       exam title without a spec (default "Sample deep learning exam")
  --format LIST   any of ${FORMATS.join(', ')} (default: json,moodle,qti,html)
  --out DIR       output directory (default ./out)
  --mode M        LMS randomization: categories (one Moodle category / Canvas group per slot,
                  default) or plain (each version as fixed questions)
  --paper P       a4 or letter for html/pdf (default a4)
  --grading G     multiple-answer scoring for slots without their own: right-minus-wrong
                  (default: each right option +1/c, each wrong one −1/c, never below 0) or
                  all-or-nothing (html/json only: Moodle and Canvas cannot grade it)
  --show-seed     print the exam seed in the answer key and solutions (it is always in the
                  exam JSON, never in the Moodle or Canvas files)
  --force         replace files in --out that belong to another exam of the same name (another
                  seed) or that dlexam cannot tell are this exam's
${TEMPLATES_HELP}

The files are written all at once: until the run succeeds, --out keeps its previous set; the
exam's own files that the new set no longer has (a version-C.html after fewer versions, a format
not asked for) are removed, anyone else's stay.
`,
};

export const COMPLETION_HELP = `Usage: dlexam completion <bash|zsh|fish>

Prints a shell completion script: commands, options, template ids and topics.

  bash   eval "$(dlexam completion bash)"          (or save it in ~/.local/share/bash-completion/completions/dlexam)
  zsh    eval "$(dlexam completion zsh)"           (in ~/.zshrc)
  fish   dlexam completion fish > ~/.config/fish/completions/dlexam.fish
`;

export const ANALYZE_HELP = `Usage: dlexam analyze --exam <exam>.exam.json --results <file> [--grades <file>] [--out report]

Reads what an LMS exports after the exam, joins every response to the variant it came from and
writes an HTML report (report.html) with CSV/JSON of every figure: item difficulty and
discrimination, options and misconceptions, Cronbach's alpha, and per-slot version fairness.

  --exam F        the exam JSON dlexam generate wrote
  --results F     Moodle: Results > Responses download (CSV); Canvas: Quiz Statistics >
                  Student Analysis (CSV)
  --grades F      Moodle only: Results > Grades download, for the LMS's own marks per question
  --out DIR       output directory (default ./report)
  --practice URL  where the web app runs, for practice links (default: links relative to it)
`;

export const CHECK_HELP = `Usage: dlexam check <module | template-id>... [--seeds N | --quick] [--json] [--templates M]

Runs the harness dlexam's own templates pass on every template of a module (./my-templates.js or
an installed package), or on one template by id: 10000 seeds through the gates,
the parameter schema and the template's own verify(variant, params); every numeric distractor
outside the accepted interval and no wrong option reading like a right one; determinism; wording
variety; pool size; figures; fixtures; and scripted responses graded alike by dlexam's model,
Moodle's rules on the exported XML and Canvas's on the QTI. Prints each check with the first failing seeds and the
'dlexam preview' command that shows each. Exit 0 only when every check passes, 2 otherwise.

  --seeds N        seeds of the property loop (default 10000, at least 10000; fewer with --quick)
  --quick          1000 seeds, for a fast look while writing (not a passing check)
  --json           the report as JSON (schema dlexam.check/1)
${TEMPLATES_HELP}
`;

export const NEW_TEMPLATE_HELP = `Usage: dlexam new-template <namespace.name> [--out DIR] [--force]

Writes a commented starter template, <namespace>-<name>.js, and its test, <namespace>-<name>.test.js
(for Node's built-in test runner), into DIR (default: the current directory). The starter passes
'dlexam check' as written; edit it into your question. The id needs a namespace of your own
(myclass.loss-curve); dlexam's topics are not namespaces.

  --out DIR   where to write the two files (default .)
  --force     overwrite files of the same names
`;
