// Lint: typescript-eslint's recommended rules, plus the architecture's import direction
// (DESIGN.md: analyze ← aggregate ← store ← app ← cli | server, node/ the I/O edge under app; the core never
// touches node:*). test/architecture.test.ts checks the same rules on the source.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'zlib', 'readline', 'crypto', 'process', 'url', 'stream'];
const outer = (...dirs) => dirs.flatMap((d) => [`**/${d}/**`, `../${d}/*`, `../../${d}/*`, `../../../${d}/*`]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'bench/out/**', 'models/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', fetch: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', queueMicrotask: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/analyze/**/*.ts'],
    ignores: ['src/analyze/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeBuiltins, message: 'The analyser is pure: no I/O.' }, { group: outer('store', 'cli', 'server', 'node', 'aggregate', 'app', 'learn'), message: 'analyze/ imports nothing from outer layers (nor the training code in learn/).' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'console', 'setTimeout', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }, { object: 'Math', property: 'random' }],
    },
  },
  {
    files: ['src/aggregate/**/*.ts'],
    ignores: ['src/aggregate/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeBuiltins, message: 'aggregate/ is pure: no I/O.' }, { group: outer('store', 'cli', 'server', 'node', 'app'), message: 'aggregate/ imports nothing from outer layers.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'console', 'setTimeout', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }, { object: 'Math', property: 'random' }],
    },
  },
  {
    files: ['src/store/**/*.ts', 'src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: outer('cli', 'server', 'app'), message: 'store/ and node/ sit below the application layer: they import neither it nor the interfaces.' }] }] },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: outer('cli', 'server'), message: 'app/ does not import the interfaces that call it.' }] }] },
  },
  {
    // The interfaces reach the store through the application layer: only its opening (open.ts) and its types.
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/cli/eval/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)store/(?!(open|store)\\.ts$)', message: 'cli/ and server/ call src/app, not store internals (store/open.ts and store/store.ts types only).' }] }] },
  },
);
