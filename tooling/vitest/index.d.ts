import type { UserWorkspaceConfig } from 'vitest/config';
export declare function packageProject(
  name: string,
  extra?: Record<string, unknown>,
): UserWorkspaceConfig;
