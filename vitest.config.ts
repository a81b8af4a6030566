import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'helpers/**/*.test.ts', 'suites/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['test/support/require-docker.ts'],
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
