// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Imports flow app → features → shared; a feature never imports another feature.
// (bulletproof-react's project structure, enforced the same way.)
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const layerZones = [
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features never import each other: move what both need to src/shared, or compose them in src/app.',
  })),
  {
    target: ['./src/features', './src/shared'],
    from: './src/app',
    message: 'src/app composes features; nothing imports from it.',
  },
  {
    target: './src/shared',
    from: './src/features',
    message: 'src/shared is below the features and must not import them.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'coverage', 'test-results', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
    },
    plugins: {
      'import-x': /** @type {any} */ (importX),
      'react-hooks': reactHooks,
      'jsx-a11y': jsxA11y,
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Autofocus is used once, on the idle dialog's default action, where it is what people need.
      'jsx-a11y/no-autofocus': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='localStorage'][property.name=/^(setItem|getItem)$/] > Literal[value=/token/i]",
          message: 'Tokens never go to localStorage.',
        },
      ],
    },
  },
  {
    // Kebab-case file names (components are PascalCase inside them).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.d.ts'],
    plugins: {
      local: {
        rules: {
          'kebab-case-files': {
            meta: { type: 'suggestion', schema: [] },
            create(context) {
              const name = context.filename.split(/[\\/]/).pop() ?? '';
              const base = name.replace(/\.(test\.)?(ts|tsx)$/, '');
              return {
                Program(node) {
                  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(base)) {
                    context.report({ node, message: `File name "${name}" is not kebab-case.` });
                  }
                },
              };
            },
          },
        },
      },
    },
    rules: { 'local/kebab-case-files': 'error' },
  },
  {
    files: ['*.{js,mjs,ts}', 'scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The service worker: a plain script in a worker's global scope.
    files: ['public/sw.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
  },
  {
    // index.html's first script: a plain script in the page.
    files: ['public/boot.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
