import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

const src = fileURLToPath(new URL('./src', import.meta.url));
// The contract package compiles to CommonJS; the SPA takes its TypeScript source directly
// (types plus a few const arrays, no runtime dependencies).
const sharedTypes = fileURLToPath(
  new URL('../../packages/shared-types/src/index.ts', import.meta.url),
);

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  // Where `vite dev` forwards /api. Only this config reads it; the SPA itself always calls /api.
  const apiTarget = env.API_PROXY_TARGET || 'http://127.0.0.1:3000';

  return {
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^@\//, replacement: `${src}/` },
        { find: /^@cabinet\/shared-types$/, replacement: sharedTypes },
      ],
    },
    server: {
      port: 5173,
      strictPort: true,
      proxy: {
        '/api': { target: apiTarget, changeOrigin: false },
      },
    },
    preview: {
      port: 4173,
      proxy: {
        '/api': { target: apiTarget, changeOrigin: false },
      },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
    },
  };
});
