import { packageProject } from '@dlexam/vitest-config';

export default packageProject('web', { testTimeout: 120_000, hookTimeout: 180_000 });
