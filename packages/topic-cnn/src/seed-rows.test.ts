import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant, gateProblem } from '@dlexam/generator';
import type { Variant } from '@dlexam/types';
import {
  concepts,
  convArithmetic,
  convVsDense,
  edgeDetection,
  shrinkMost,
  convOutputSizeTemplate,
  convParamsTemplate,
  layerTable,
  pooling,
  samePaddingTemplate,
} from '@dlexam/topic-cnn';

/** Golden tests: one per CNN row of SEED-EXERCISES.md, named by the row id. */

const table = (v: Variant): number[][] => {
  if (v.answer.kind !== 'table') throw new Error(`expected a table, got ${v.answer.kind}`);
  return v.answer.rows.map((r) => r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value] : [])));
};
const numeric = (v: Variant): number => {
  if (v.answer.kind !== 'numeric') throw new Error(`expected numeric, got ${v.answer.kind}`);
  return v.answer.numeric.value;
};
const single = (v: Variant): { correct: string; wrong: string[] } => {
  if (v.answer.kind !== 'single') throw new Error(`expected single, got ${v.answer.kind}`);
  return {
    correct: v.choices[v.answer.correct]!.plain,
    wrong: v.choices.filter((c) => !c.correct).map((c) => c.plain),
  };
};
const fixture = (
  t: Parameters<typeof generateFixture>[0],
  id: string,
  kind?: Variant['kind'],
): Variant => {
  const v = generateFixture(t, id, kind);
  expect(gateProblem(v)).toBeNull();
  return v;
};

describe('CNN seed rows', () => {
  it.each([
    { id: 'S001-conv-15', t: convOutputSizeTemplate, value: 6 },
    { id: 'S002-conv-params', t: convParamsTemplate, value: 6288 },
    // Seed 003's "why convolution" estimate.
    { id: 'S003-dense-12mp', t: convVsDense, value: 3.6e9 },
    { id: 'S003-alexnet-params', t: convParamsTemplate, value: 34944 },
  ])('$id', ({ id, t, value }) => {
    expect(numeric(fixture(t, id))).toBe(value);
  });

  it.each([
    {
      id: 'S000-conv-stride2',
      t: convArithmetic,
      rows: [
        [11, 9],
        [8, 12],
      ],
    },
    { id: 'S002-conv-out', t: convOutputSizeTemplate, rows: [[10, 10, 16]] },
    {
      id: 'S003-conv-3x3',
      t: convArithmetic,
      rows: [
        [19, 25],
        [37, 43],
      ],
    },
    {
      id: 'S003-conv-3x3-bias',
      t: convArithmetic,
      rows: [
        [20, 26],
        [38, 44],
      ],
    },
    {
      id: 'S003-multichannel',
      t: convArithmetic,
      rows: [
        [56, 72],
        [104, 120],
      ],
    },
    {
      id: 'S003-maxpool',
      t: pooling,
      rows: [
        [4, 5],
        [7, 8],
      ],
    },
  ])('$id', ({ id, t, rows }) => {
    expect(table(fixture(t, id))).toEqual(rows);
  });

  it('S000-edge', () => {
    const v = fixture(edgeDetection, 'S000-edge');
    expect(table(v)).toEqual(Array.from({ length: 3 }, () => [150, -150, -150, 0]));
    // "Which kernel detects which edge": the same kernel is a vertical-edge detector.
    expect(single(fixture(edgeDetection, 'S000-edge', 'single')).correct).toMatch(
      /^Vertical edges/,
    );
  });

  it('S000-conv-params', () => {
    const v = fixture(convParamsTemplate, 'S000-conv-params');
    const { correct, wrong } = single(v);
    expect(correct).toBe('(M²·C + 1)·C_out');
    expect(wrong).toContain('M²·C·C_out'); // forgot the bias
    expect(v.stem).toMatch(/M \\times M \\times C \\times C_\{\\text\{out\}\}/);
    // The numeric instance of the same parameters: (3²·16 + 1)·32.
    expect(numeric(fixture(convParamsTemplate, 'S000-conv-params', 'numeric'))).toBe(4640);
  });

  it('S001-cnn-table', () => {
    const v = fixture(layerTable, 'S001-cnn-table');
    if (v.answer.kind !== 'table') throw new Error('expected a table');
    expect(v.answer.header).toEqual([
      'Layer',
      'Height',
      'Width',
      'Channels / units',
      'Weights',
      'Biases',
    ]);
    expect(v.answer.rows.map((r) => r[0]!.type === 'text' && r[0]!.plain)).toEqual([
      'INPUT',
      'CONV-9-32',
      'POOL-2',
      'CONV-5-64',
      'POOL-2',
      'CONV-5-64',
      'POOL-2',
      'FC-3',
    ]);
    // Rows: height, width, channels (FC: units only), weights, biases.
    expect(table(v)).toEqual([
      [],
      [120, 120, 32, 7776, 32],
      [60, 60, 32, 0, 0],
      [56, 56, 64, 51200, 64],
      [28, 28, 64, 0, 0],
      [24, 24, 64, 102400, 64],
      [12, 12, 64, 0, 0],
      [3, 27648, 3],
    ]);
    expect(numeric(fixture(layerTable, 'S001-cnn-table', 'numeric'))).toBe(189187);
  });

  it('S001-same-padding', () => {
    const v = fixture(samePaddingTemplate, 'S001-same-padding');
    const { correct, wrong } = single(v);
    expect(correct).toBe('(f − 1)/2');
    expect(wrong).toContain('f − 1');
    expect(numeric(fixture(samePaddingTemplate, 'S001-same-padding', 'numeric'))).toBe(2);
  });

  it('S003-out-9x13', () => {
    const total = fixture(convOutputSizeTemplate, 'S003-out-9x13');
    const { correct, wrong } = single(total);
    expect(correct).toBe('5×7');
    // Seed distractors 3×5 and 9×13 are modelled misconceptions; 6×8 is the per-side reading.
    expect(wrong).toEqual(expect.arrayContaining(['3×5', '9×13', '6×8']));
    expect(total.stem).toMatch(/2 in total/);
    const perSide = fixture(convOutputSizeTemplate, 'S003-out-9x13-per-side');
    expect(single(perSide).correct).toBe('6×8');
    expect(perSide.stem).toMatch(/2 on each side/);
  });

  it('S002 pad-and-stride convolution example renders', () => {
    expect(table(fixture(convArithmetic, 'S002-conv-pad-stride'))).toEqual([
      [15, 11],
      [16, 12],
    ]);
    // The same input through the variant API with pins gives the same result.
    const f = convArithmetic.fixtures!.find((x) => x.id === 'S002-conv-pad-stride')!;
    expect(
      table(generateVariant(convArithmetic, 'any', { kind: 'table', pins: f.params })),
    ).toEqual([
      [15, 11],
      [16, 12],
    ]);
  });
});

/** The seed's CNN multiple-choice questions (seed 002): correct answers and seed distractors. */
describe('CNN seed multiple-choice questions', () => {
  it.each([
    {
      id: 'S002-mc-receptive-field',
      t: concepts,
      correct: 'It increases and depends on the kernel size and stride of each layer.',
      wrong: [
        'It remains the same regardless of the depth of the network.',
        'It only depends on the kernel size of the first layer.',
        'It decreases with each additional convolutional layer.',
      ],
    },
    {
      id: 'S002-mc-shrink-feature-map',
      t: shrinkMost,
      correct: 'Global average pooling',
      wrong: [
        '2×2 max pooling with stride 3',
        'Softmax activation',
        '5×5 convolution with stride 1 and no padding',
      ],
    },
  ])('$id', ({ id, t, correct, wrong }) => {
    const got = single(fixture(t, id));
    expect(got.correct).toBe(correct);
    expect(got.wrong.sort()).toEqual([...wrong].sort());
  });

  it('S002-mc-conv-true', () => {
    const v = fixture(concepts, 'S002-mc-conv-true');
    if (v.answer.kind !== 'multiple') throw new Error('expected multiple');
    const picked = v.answer.correct.map((i) => v.choices[i]!.plain).sort();
    expect(picked).toEqual(
      [
        'The number of biases is equal to the number of filters.',
        'The number of output channels is equal to the number of filters.',
        'Dilated convolutions increase the receptive field.',
      ].sort(),
    );
    expect(v.choices.filter((c) => !c.correct).map((c) => c.plain)).toEqual([
      'Training a convolutional neural network (CNN) involves no inductive bias.',
    ]);
  });
});
