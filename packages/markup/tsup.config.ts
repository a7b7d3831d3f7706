import { libraryConfig } from '@dlexam/tsup-config';

export default libraryConfig();
