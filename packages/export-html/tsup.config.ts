import { libraryConfig } from '@dlexam/tsup-config';

export default libraryConfig(['src/index.ts', 'src/pdf.ts'], { external: ['playwright-core'] });
