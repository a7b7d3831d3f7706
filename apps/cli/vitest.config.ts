import { packageProject } from '@dlexam/vitest-config';

// Plain JavaScript (instructors' template modules, the example package's build) is imported by
// Node itself, as the released CLI imports it; only the workspace's TypeScript goes through vite.
export default packageProject('cli', { server: { deps: { external: [/\.m?js$/] } } });
