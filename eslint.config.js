// Lint: type-aware rules for async safety everywhere, and the house rule that core/ stays
// environment-neutral (no node:* modules, no DOM globals), ARCHITECTURE.md "Rules of the house".
import tseslint from 'typescript-eslint'

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'alert', 'HTMLElement']
const nodeGlobals = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'setImmediate']

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'test-output/**', '**/*.d.ts', 'core/wire/proto/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      // node:test's describe/it return promises the runner itself tracks.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        // Exact module names (paths), so '@libp2p/crypto' is not mistaken for Node's 'crypto'.
        paths: ['fs', 'path', 'os', 'net', 'crypto', 'child_process', 'http', 'https', 'stream', 'url', 'worker_threads', 'classic-level', 'browser-level', 'level', '@libp2p/tcp']
          .map(name => ({ name, message: 'core/ is environment-neutral: no Node built-ins or environment-specific backends.' })),
        patterns: [
          { group: ['node:*'], message: 'core/ is environment-neutral: pass Node-only parts in from node/.' },
          { group: ['**/node/**', '**/web/**', '**/relay/**'], message: 'core/ never imports node/, web/ or relay/.' }
        ]
      }],
      'no-restricted-globals': ['error', ...domGlobals.map(name => ({ name, message: 'core/ is environment-neutral: no DOM globals.' })), ...nodeGlobals.map(name => ({ name, message: 'core/ is environment-neutral: no Node globals.' }))]
    }
  },
  {
    // Unit tests beside core code run in Node and may use node:test and node:assert.
    files: ['core/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' }
  },
  {
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '**/node/**', '**/relay/**'], message: 'web/ imports core/ only.' }] }]
    }
  },
  {
    // Unit tests beside web code run in Node with node:test and node:assert, like core's.
    files: ['web/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/node/**', '**/relay/**'], message: 'web/ imports core/ only.' }] }] }
  },
  {
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '**/relay/**'], message: 'node/ imports core/, never web/ or relay/.' }] }]
    }
  },
  {
    files: ['relay/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '**/node/**'], message: 'relay/ imports core/, never web/ or node/.' }] }]
    }
  }
)
