import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default defineConfig((env) =>
  mergeConfig(viteConfig(env), {
    test: {
      globals: true,
      environment: 'jsdom',
      // One process per file: module state (session store, BroadcastChannel) never leaks between files.
      pool: 'forks',
      setupFiles: ['./src/test/setup.ts'],
      // Times in messages ("locked until 14:05") are checked against one zone, whatever the machine's.
      env: { TZ: 'Europe/Moscow' },
      include: ['src/**/*.test.{ts,tsx}'],
      restoreMocks: true,
      unstubGlobals: true,
      // A journey-sized test (the loan wizard end to end) takes ≈ 3 s alone and over 15 s on this 2-core
      // machine when other work shares it.
      testTimeout: 40_000,
    },
  }),
);
