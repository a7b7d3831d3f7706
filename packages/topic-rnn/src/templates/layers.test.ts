import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  ARCHITECTURE_INFO,
  ARCHITECTURE_TASKS,
  architectureForTask,
  architectureMatching,
  recurrentParamsTemplate,
  recurrentShapesTemplate,
  type ArchitectureForTaskParams,
  type RecurrentParamsParams,
  type RecurrentShapesParams,
} from '../index.js';
import {
  checkTemplate,
  checkValidPins,
  assertAnswer,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { expectPartialPinsAccepted } from './valid-pins.js';
import { checkNumericAndTableVariety } from './variety-checks.js';

const GATES = { rnn: 1, lstm: 4, gru: 3 } as const;

/**
 * Lists the parameter arrays a PyTorch recurrent module registers (weight_ih_l{k}[_reverse],
 * weight_hh_…, bias_ih_…, bias_hh_…) and counts their entries; 'one' keeps only bias_ih.
 */
function layerArrays(
  p: RecurrentParamsParams,
): { layer: number; kind: 'ih' | 'hh' | 'b'; size: number }[] {
  const g = GATES[p.cell];
  const H = p.hiddenSize;
  const dirs = p.bidirectional ? 2 : 1;
  const out: { layer: number; kind: 'ih' | 'hh' | 'b'; size: number }[] = [];
  for (let l = 0; l < p.layers; l++)
    for (let d = 0; d < dirs; d++) {
      const input = l === 0 ? p.inputSize : H * dirs;
      out.push({ layer: l, kind: 'ih', size: g * H * input });
      out.push({ layer: l, kind: 'hh', size: g * H * H });
      out.push({ layer: l, kind: 'b', size: g * H });
      if (p.bias === 'two') out.push({ layer: l, kind: 'b', size: g * H });
    }
  return out;
}

/** The key against the registered arrays: per-layer counts (table) or the total. */
function checkParamCount(v: Variant): void {
  const p = v.params as RecurrentParamsParams;
  const arrays = layerArrays(p);
  if (v.answer.kind === 'table') {
    tableNumbers(v).forEach((values, l) => {
      const of = (kind: string) =>
        arrays.filter((a) => a.layer === l && a.kind === kind).reduce((s, a) => s + a.size, 0);
      expect(values).toEqual([of('ih'), of('hh'), of('b'), of('ih') + of('hh') + of('b')]);
    });
  } else
    assertAnswer(
      v,
      arrays.reduce((s, a) => s + a.size, 0),
      0,
    );
  expect(v.stem).toMatch(p.bias === 'two' ? /two bias vectors/ : /one bias vector/);
}

describe.each([
  { t: recurrentParamsTemplate, check: checkParamCount, key: 'the sum of the registered arrays' },
  { t: recurrentShapesTemplate, check: checkShapes, key: 'the PyTorch shape rules' },
])('$t.id', ({ t, check, key }) => {
  it(`answers equal ${key} over 10,000 seeds`, () => {
    runProperty(t, { kinds: ['numeric', 'single', 'table'], check });
  });
  it('accepts valid partial pins beyond the draws', () => expectPartialPinsAccepted(t, check));
  it('is deterministic and varies', () => checkNumericAndTableVariety(t));
});

/** The pins of a PyTorch `nn.LSTM(inputSize, hiddenSize, num_layers=layers, bidirectional)`. */
const lstmLayer = (
  inputSize: number,
  hiddenSize: number,
  layers: number,
  bidirectional: boolean,
) => ({
  cell: 'lstm',
  inputSize,
  hiddenSize,
  layers,
  bidirectional,
});

describe('rnn.recurrent-params', () => {
  it.each([
    // 4·512·(1024 + 512 + 2) = 3,149,824 for layer 1, 4·512·(512 + 512 + 2) = 2,101,248 for each
    // of layers 2–4: 3,149,824 + 3·2,101,248 = 9,453,568.
    {
      name: 'a textbook layer beyond the draw ranges: nn.LSTM(1024, 512, num_layers=4)',
      seed: 't',
      layer: lstmLayer(1024, 512, 4, false),
      value: 9_453_568,
    },
    // 2·4·20·(10 + 20 + 2) + 2·4·20·(40 + 20 + 2) = 5120 + 9920
    {
      name: 'nn.LSTM(10, 20, num_layers=2, bidirectional=True)',
      seed: 'f',
      layer: lstmLayer(10, 20, 2, true),
      value: 15040,
    },
  ])('matches PyTorch on $name', ({ seed, layer, value }) => {
    const pins = { ...layer, bias: 'two' };
    expect(generateVariant(recurrentParamsTemplate, seed, { pins }).answer).toMatchObject({
      numeric: { value },
    });
  });

  it('offers the other bias convention as a tagged distractor', () => {
    const v = generateVariant(recurrentParamsTemplate, 'x', {
      pins: { ...lstmLayer(10, 20, 1, false), bias: 'two' },
    });
    expect(v.choices.find((c) => c.misconception === 'one-bias-convention')?.value).toBe(
      4 * 20 * (10 + 20 + 1),
    );
    expect(v.answer).toMatchObject({ numeric: { value: 4 * 20 * (10 + 20 + 2) } });
  });
});

/** The key against the PyTorch shape rules. */
function checkShapes(v: Variant): void {
  const p = v.params as RecurrentShapesParams;
  const D = p.bidirectional ? 2 : 1;
  const output = p.batchFirst
    ? [p.batch, p.seqLen, D * p.hiddenSize]
    : [p.seqLen, p.batch, D * p.hiddenSize];
  const hN = [D * p.layers, p.batch, p.hiddenSize];
  if (v.answer.kind === 'table') {
    expect(tableNumbers(v)).toEqual([output, hN]);
  } else {
    const expected = {
      'output-features': D * p.hiddenSize,
      'hn-first-dim': D * p.layers,
      'weight-ih-rows': GATES[p.cell] * p.hiddenSize,
      'layer2-input': D * p.hiddenSize,
    }[p.ask];
    assertAnswer(v, expected, 0);
  }
}

describe('rnn.recurrent-shapes', () => {
  it('accepts a textbook encoder beyond the draw ranges', () => {
    // nn.LSTM(300, 512, num_layers=4, bidirectional=True) on 64 sequences of 100 steps: h_n has
    // D·L = 2·4 = 8 rows, output (100, 64, 1024).
    const pins = {
      ...lstmLayer(300, 512, 4, true),
      batch: 64,
      seqLen: 100,
      batchFirst: false,
      ask: 'hn-first-dim',
    };
    expect(generateVariant(recurrentShapesTemplate, 't', { pins }).answer).toMatchObject({
      numeric: { value: 8 },
    });
    expect(
      tableNumbers(generateVariant(recurrentShapesTemplate, 't', { pins, kind: 'table' })),
    ).toEqual([
      [100, 64, 1024],
      [8, 64, 512],
    ]);
    // The second layer's weights need a second layer: a rule, not a draw preference.
    expect(() =>
      generateVariant(recurrentShapesTemplate, 't', {
        pins: { ...pins, layers: 1, ask: 'layer2-input' },
      }),
    ).toThrow(/second layer exists/);
  });
});

describe('rnn.architecture-for-task and rnn.architecture-matching', () => {
  // Independent answer key: the architecture each task belongs to, read from the info table.
  const archOfTask = new Map<string, string>();
  for (const info of Object.values(ARCHITECTURE_INFO))
    for (const t of info.tasks) archOfTask.set(t, info.label);

  it('single choice marks the architecture of the task in the stem (10,000 seeds)', () => {
    runProperty(architectureForTask, {
      kinds: ['single'],
      check(v) {
        if (v.answer.kind !== 'single') return expect.fail('single expected');
        const tasks = [...archOfTask.keys()].filter((t) => v.stem.includes(t));
        if (tasks.length !== 1) expect.fail(`stem names ${tasks.length} tasks`);
        const correct = v.choices[v.answer.correct]!.text;
        if (correct !== archOfTask.get(tasks[0]!)) expect.fail(`'${correct}' for '${tasks[0]}'`);
        if (
          correct !==
          ARCHITECTURE_INFO[
            ARCHITECTURE_TASKS[(v.params as ArchitectureForTaskParams).task]!.architecture
          ].label
        )
          expect.fail('params and answer disagree');
      },
    });
  });

  it('matching pairs every task with its architecture (10,000 seeds)', () => {
    runProperty(architectureMatching, {
      kinds: ['matching'],
      check(v) {
        if (v.answer.kind !== 'matching') return expect.fail('matching expected');
        if (v.answer.pairs.length !== 4) expect.fail('4 pairs expected');
        for (const pair of v.answer.pairs)
          if (archOfTask.get(pair.prompt) !== pair.answer)
            expect.fail(`${pair.prompt} → ${pair.answer}`);
        if (
          v.answer.distractors.map((d) => d.text).join() !== ARCHITECTURE_INFO['one-to-one'].label
        )
          expect.fail('distractor');
      },
    });
  });

  it('accept every valid task index as a pin, and refuse one past the task list', () => {
    // Index 0 of the flattened list is one-to-one's first task (a photo classified as cat or dog).
    const v = generateVariant(architectureForTask, 1, { pins: { task: 0 } });
    if (v.answer.kind !== 'single') return expect.fail('single expected');
    expect(v.choices[v.answer.correct]?.text).toBe(ARCHITECTURE_INFO['one-to-one'].label);
    expect(() =>
      generateVariant(architectureForTask, 1, { pins: { task: ARCHITECTURE_TASKS.length } }),
    ).toThrow(/task/);
    const single = checkValidPins(architectureForTask, {
      count: 200,
      check(w, p: ArchitectureForTaskParams) {
        const entry = ARCHITECTURE_TASKS[p.task];
        if (w.answer.kind !== 'single' || !entry) return expect.fail('single choice on a task');
        expect(w.stem).toContain(entry.task);
        expect(w.choices[w.answer.correct]?.text).toBe(ARCHITECTURE_INFO[entry.architecture].label);
      },
    });
    expect(single.accepted).toBeGreaterThan(0);
    const matching = checkValidPins(architectureMatching, {
      count: 200,
      partial: true,
      check(w) {
        if (w.answer.kind !== 'matching') return expect.fail('matching expected');
        for (const pair of w.answer.pairs) expect(archOfTask.get(pair.prompt)).toBe(pair.answer);
      },
    });
    expect(matching.accepted).toBeGreaterThan(0);
  });

  it('are deterministic and vary', () => {
    checkTemplate(architectureForTask, { kinds: ['single'], minStems: 15, minOpenings: 2 });
    expect(generateVariant(architectureMatching, 3)).toEqual(
      generateVariant(architectureMatching, 3),
    );
  });
});
