import { libraryConfig } from '@dlexam/tsup-config';

export default libraryConfig(['src/index.ts', 'src/bench.ts']);
