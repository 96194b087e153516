import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

// The layer boundaries from the README's architecture section, enforced rather than hoped for.
const ioredisOnlyInServer = { name: 'ioredis', message: 'Redis is reached only through lib/server.' };
const monacoOnlyInEditor = {
  group: ['monaco-editor', 'monaco-editor/*', '@monaco-editor/*'],
  message: 'Monaco lives in components/editor only.',
};
const noNextInDomain = { group: ['next', 'next/*'], message: 'Domain code stays free of Next.js; route handlers adapt it.' };
// By alias, by a path through lib/, or relatively from a sibling folder of lib/server (`../server/…`).
const noServerInClient = {
  regex: '^(@/lib/server|(\\.\\./)+server|(.*/)?lib/server)(/|$)',
  message: 'Client and domain code reach the server over HTTP only.',
};

// The domain speaks no HTTP: errors name their kind (lib/server/errors.ts), streams are async generators (LiveStream) the routes carry over SSE.
const noHttpInDomain = {
  regex: '^(@/lib/server/http|(\\.\\./)+http|\\./http)(/|$)',
  message: 'Domain code speaks no HTTP: throw a DomainError, yield a LiveStream; lib/server/http adapts them.',
};

const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', '.data/**']),
  {
    rules: {
      ...restrict([ioredisOnlyInServer], [monacoOnlyInEditor]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['components/**', 'lib/stores/**'], rules: restrict([ioredisOnlyInServer], [monacoOnlyInEditor, noServerInClient]) },
  { files: ['components/editor/**'], rules: restrict([ioredisOnlyInServer], [noServerInClient]) },
  {
    files: ['lib/api/**', 'lib/cli/**', 'lib/keys/**', 'lib/lessons/**', 'lib/sim/**', 'lib/workshop/**'],
    rules: restrict([ioredisOnlyInServer], [monacoOnlyInEditor, noNextInDomain, noServerInClient]),
  },
  { files: ['lib/server/**'], ignores: ['lib/server/http/**'], rules: restrict([], [monacoOnlyInEditor, noNextInDomain, noHttpInDomain]) },
  { files: ['lib/server/http/**'], rules: restrict([], [monacoOnlyInEditor, noNextInDomain]) },
  { files: ['scripts/**', 'bench/**', 'tests/**', 'e2e/**'], rules: restrict([], [monacoOnlyInEditor]) },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ['e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  // Layout is Prettier's (`npm run format`); ESLint keeps to what code means.
  prettier,
]);
