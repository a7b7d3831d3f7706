import { intIn, listOf, type ParamSpec } from '@dlexam/generator';
import type { IntTensor3 } from './shared.js';

/**
 * A json parameter holding an integer tensor [C][H][W]: 1–3 channels of H × W integers in
 * [min, max], H and W from 1 to `side` (the JSON schema a pin is checked against).
 */
export function intTensorParam(
  description: string,
  [min, max]: readonly [number, number],
  side: number,
  example: IntTensor3,
): ParamSpec {
  const schema = listOf(listOf(listOf(intIn(min, max), 1, side), 1, side), 1, 3);
  return { type: 'json', description, schema, example };
}
