import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a two-core CI machine. Most
    // suites wait on child processes (ffmpeg, the CLI, killed children), so two share two cores
    // well: the whole run took 384 s instead of 621 s here, the kill suite beside the rest.
    maxWorkers: Math.max(2, os.availableParallelism()),
  },
});
