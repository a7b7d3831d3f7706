import { describe, expect, it } from 'vitest';
import { backwardGraph, forwardGraph, type GraphNode } from './graph.js';
import { lcg } from '../test/lcg.js';

/** Central difference of the output with respect to one input node. */
function fdGrad(nodes: GraphNode[], id: string, h = 1e-5): number {
  const at = (d: number) => {
    const moved = nodes.map((n) => (n.id === id ? { ...n, value: n.value! + d } : n));
    const v = forwardGraph(moved);
    return v[nodes[nodes.length - 1]!.id]!;
  };
  return (at(h) - at(-h)) / (2 * h);
}

describe('computational graph', () => {
  // f = relu(max(x·y, z) + w) with x=2, y=-3, z=1, w=4: x·y=-6, max=1, +w=5, relu=5.
  const g: GraphNode[] = [
    { id: 'x', op: 'input', value: 2 },
    { id: 'y', op: 'input', value: -3 },
    { id: 'z', op: 'input', value: 1 },
    { id: 'w', op: 'input', value: 4 },
    { id: 'p', op: 'mul', inputs: ['x', 'y'] },
    { id: 'm', op: 'max', inputs: ['p', 'z'] },
    { id: 's', op: 'add', inputs: ['m', 'w'] },
    { id: 'f', op: 'relu', inputs: ['s'] },
  ];

  it('forward and backward by hand (router, distributor, swap)', () => {
    expect(forwardGraph(g)).toMatchObject({ p: -6, m: 1, s: 5, f: 5 });
    const d = backwardGraph(g);
    expect(d).toMatchObject({ f: 1, s: 1, w: 1, m: 1, z: 1, p: 0, x: 0, y: 0 });
    // z = −10, w = 10: max routes to x·y = −6, s = 4 > 0, so the multiply gate swaps.
    const g2 = g.map((n) =>
      n.id === 'z' ? { ...n, value: -10 } : n.id === 'w' ? { ...n, value: 10 } : n,
    );
    expect(backwardGraph(g2)).toMatchObject({ z: 0, p: 1, x: -3, y: 2 });
  });

  it('agrees with central finite differences on random graphs', () => {
    const r = lcg(11);
    const ops = ['add', 'mul', 'max', 'relu', 'sigmoid'] as const;
    let checked = 0;
    for (let trial = 0; trial < 400; trial++) {
      const nodes: GraphNode[] = ['a', 'b', 'c', 'd'].map((id) => ({
        id,
        op: 'input',
        value: Math.round((r() * 8 - 4) * 4) / 4 + 0.1,
      }));
      for (let k = 0; k < 6; k++) {
        const op = ops[Math.floor(r() * ops.length)]!;
        const pick = () => nodes[Math.floor(r() * nodes.length)]!.id;
        const inputs = op === 'relu' || op === 'sigmoid' ? [pick()] : [pick(), pick()];
        nodes.push({ id: `n${k}`, op, inputs });
      }
      const v = forwardGraph(nodes);
      // Skip points at a kink (max tie or ReLU at 0), where the derivative does not exist.
      const kink = nodes.some((n) =>
        n.op === 'max'
          ? Math.abs(v[n.inputs![0]!]! - v[n.inputs![1]!]!) < 1e-3
          : n.op === 'relu' && Math.abs(v[n.inputs![0]!]!) < 1e-3,
      );
      if (kink) continue;
      const d = backwardGraph(nodes);
      for (const id of ['a', 'b', 'c', 'd']) expect(d[id]).toBeCloseTo(fdGrad(nodes, id), 5);
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it('rejects malformed graphs', () => {
    expect(() => forwardGraph([{ id: 'a', op: 'relu', inputs: ['b'] }])).toThrow(
      /before it is defined/,
    );
    expect(() =>
      forwardGraph([
        { id: 'a', op: 'input', value: 1 },
        { id: 'b', op: 'add', inputs: ['a'] },
      ]),
    ).toThrow(/needs 2 inputs/);
    expect(() =>
      forwardGraph([
        { id: 'a', op: 'input', value: 1 },
        { id: 'a', op: 'input', value: 1 },
      ]),
    ).toThrow(/duplicate/);
  });
});
