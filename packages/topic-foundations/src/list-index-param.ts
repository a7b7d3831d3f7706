import { param, type ParamSpec } from '@dlexam/generator';

/** An int param that picks one entry of `list`: drawn and valid from 0 to `list.length − 1`. */
export const listIndexParam = (description: string, list: readonly unknown[]): ParamSpec =>
  param.int(description, [0, list.length - 1], { min: 0, max: list.length - 1 });
