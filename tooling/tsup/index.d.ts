import type { Options } from 'tsup';
export declare function libraryConfig(
  entry?: string[] | Record<string, string>,
  extra?: Options,
): Options | Options[];
