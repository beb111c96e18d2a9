import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

/**
 * Writes dist/.vite/chunks.json: each chunk with its modules and its static and dynamic imports, for
 * scripts/check-routes.mjs (every route a lazy chunk, no page in the first download). Dot folders are
 * not served.
 */
function chunkReport(root: string): Plugin {
  return {
    name: 'cabinet-chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const rel = (id: string) => (id.startsWith(root) ? id.slice(root.length + 1) : id).split('\\').join('/');
      const chunks = Object.values(bundle)
        .filter((c) => c.type === 'chunk')
        .map((c) => ({
          fileName: c.fileName,
          isEntry: c.isEntry,
          isDynamicEntry: c.isDynamicEntry,
          facadeModule: c.facadeModuleId ? rel(c.facadeModuleId) : null,
          imports: c.imports,
          dynamicImports: c.dynamicImports,
          modules: Object.keys(c.modules).map(rel),
        }));
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

/**
 * Moves the app's module script and module preloads, as the build wrote them into index.html, into its
 * <template id="app-scripts">: public/boot.js starts them, at once or, when index.html's static sign-in page is on
 * screen, right after it has been painted. In a template they are not fetched by themselves (and
 * scripts/measure-bundle.mjs still finds them there).
 */
function appScriptsTemplate(): Plugin {
  return {
    name: 'cabinet-app-scripts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tags: string[] = [];
        const rest = html.replace(/[ \t]*<(?:script type="module"[^>]*><\/script>|link rel="modulepreload"[^>]*>)\s*/g, (tag) => {
          tags.push(tag.trim());
          return '';
        });
        const slot = '<template id="app-scripts"></template>';
        if (!tags.length || !rest.includes(slot)) throw new Error(`index.html: no module scripts or no ${slot}`);
        return rest.replace(slot, `<template id="app-scripts">${tags.join('')}</template>`);
      },
    },
  };
}

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
    plugins: [react(), appScriptsTemplate(), chunkReport(fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, ''))],
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
