import { createRng, type Rng } from '@dlexam/generator';
import type { Json } from '@dlexam/types';
import { describe, expect, it } from 'vitest';
import { main, registry, type Io } from 'dlexam';

/**
 * Random structured parameters, as a user pasting JSON would write them: a valid draw of the
 * template with some elements replaced by nulls, wrong types, deep nesting, or removed. Whatever
 * comes in, `dlexam preview --params` renders (exit 0) or refuses with one line (exit 2).
 */
const TRIES = Number(process.env.STRUCTURED_TRIES ?? 200);

function deep(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

function junk(rng: Rng): Json {
  return rng.choice<() => Json>([
    () => null,
    () => 'x',
    () => '',
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => rng.int(-1000, 1000),
    () => [],
    () => ({}),
    () => [null],
    () => ({ type: null }),
    () => deep(rng.int(2, 200)),
  ])();
}

/** Every place inside a value: [container, key] pairs. */
function places(v: Json, out: [Json[] | Record<string, Json>, string | number][] = []) {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v, i]);
      places(x, out);
    });
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push([v, k]);
      places(x, out);
    }
  return out;
}

function mutate(value: Json, rng: Rng): Json {
  const root = { v: structuredClone(value) } as Record<string, Json>;
  for (let n = rng.int(1, 3); n > 0; n--) {
    const all = places(root);
    const [container, key] = rng.choice(all);
    const at = container as Record<string, Json>;
    const x = at[key as string] as Json;
    const op = rng.int(0, 5);
    if (op >= 4 && typeof x === 'number') {
      // A plausible value: near the drawn one, so constraints and build see it too.
      at[key as string] = x + rng.choice([-2, -1, 1, 2, 0.5]);
    } else if (op >= 4 && Array.isArray(x) && x.length) {
      // One element more or fewer (ragged matrices, longer lists).
      if (rng.bool()) x.push(structuredClone(rng.choice(x)));
      else x.splice(rng.int(0, x.length - 1), 1);
    } else if (op === 0 && container !== root) {
      // Remove the element or key.
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
    } else if (op === 1) {
      // Wrap it in another level.
      at[key as string] = rng.bool() ? [x] : { x };
    } else at[key as string] = junk(rng);
  }
  return root.v ?? null;
}

const quiet = (): Io & { err: () => string } => {
  let stderr = '';
  return {
    stdout: () => {},
    stderr: (s) => void (stderr += s),
    cwd: process.cwd(),
    isTTY: false,
    secretSeed: () => 'secret',
    err: () => stderr,
  };
};

const structured = registry
  .list()
  .filter((t) => Object.values(t.params).some((s) => s.type === 'json'));

describe('random structured parameters', () => {
  it('every template has a schema for each structured parameter', () => {
    expect(structured.length).toBeGreaterThan(5);
    for (const t of structured)
      for (const [name, spec] of Object.entries(t.params))
        if (spec.type === 'json') expect(spec.schema, `${t.id}.${name}`).toBeTruthy();
  });

  it.each(structured.map((t) => [t.id, t] as const))(
    '%s: exit 0 or 2 with one line, never a stack trace',
    async (id, t) => {
      const rng = createRng(`structured-fuzz/${id}`);
      const json = Object.keys(t.params).filter((n) => t.params[n]!.type === 'json');
      for (let i = 0; i < TRIES; i++) {
        const r = rng.child(String(i));
        const drawn = t.sample!(r.child('sample')) as Record<string, Json>;
        const pins: Record<string, Json> = {};
        for (const n of json) pins[n] = drawn[n] as Json;
        const name = r.choice(json);
        pins[name] = mutate(pins[name] as Json, r);
        const io = quiet();
        const argv = ['preview', id, '--seed', String(i), '--params', JSON.stringify(pins)];
        const code = await main(argv, io);
        const stderr = io.err();
        expect([0, 2], `${argv.join(' ')}\n${stderr}`).toContain(code);
        if (code === 2) expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
      }
    },
  );
});
