import type { Options } from 'tsup';
export declare function libraryConfig(entry?: string[], extra?: Options): Options | Options[];
