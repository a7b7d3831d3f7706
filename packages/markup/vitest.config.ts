import { packageProject } from '@dlexam/vitest-config';

export default packageProject('markup');
