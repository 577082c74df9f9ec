// One lint setup for the whole repository. The layering rules below make a wrong import fail with an
// explanation, the way VS Code's code-layering rule and Actual's no-restricted-imports messages do.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

/** Builds a no-restricted-imports rule whose every message names the layer and the reason. */
function layer(name, why, { noNode = false, modules = [], patterns = [] } = {}) {
  const paths = [...(noNode ? nodeBuiltins : []), ...modules].map((p) => ({
    name: p,
    message: `${name}: ${why}`,
  }));
  const allPatterns = [...(noNode ? ['node:*'] : []), ...patterns];
  return {
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: allPatterns.length ? [{ group: allPatterns, message: `${name}: ${why}` }] : [],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/coverage/**',
      'bench/results/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An un-awaited printer, drawer or database write is a lost sale.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Every suppression carries its reason.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // ---- Layering -------------------------------------------------------------------------------
  {
    files: ['packages/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...layer(
        'packages/shared is the pure domain',
        'it runs unchanged in the renderer, the host and the server, so it imports no Node built-ins, nothing from apps/ or drivers/, and no electron. Pass what you need (a clock, a random source) in as an argument.',
        {
          noNode: true,
          modules: ['electron', '@store-os/drivers', '@store-os/terminal', '@store-os/sync-server'],
          patterns: ['**/apps/**', '**/drivers/**', '@store-os/drivers/*'],
        },
      ),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'packages/shared takes its clock as an argument (a Clock), so results are reproducible: do not call Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'packages/shared takes its clock as an argument (a Clock), so results are reproducible: do not call new Date() without a time.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'packages/shared takes its random source as an argument: do not call Math.random().',
        },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message:
            'Money never passes through a float: parse user strings straight to integer minor units with parseMoney().',
        },
      ],
    },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: layer(
      'drivers/',
      'drivers import only packages/shared (and their own transports); the apps depend on drivers, never the other way round.',
      {
        modules: ['electron', '@store-os/terminal', '@store-os/sync-server'],
        patterns: ['**/apps/**', '@store-os/terminal/*', '@store-os/sync-server/*'],
      },
    ),
  },
  {
    files: ['drivers/src/protocols/**/*.ts', 'drivers/src/keyboard-wedge/**/*.ts'],
    // Tests may read fixtures from disk; the rule guards the code that ships.
    ignores: ['**/*.test.ts'],
    rules: layer(
      'drivers/src/protocols and keyboard-wedge',
      'protocol code is pure bytes in, bytes out (the keyboard-wedge detector even runs in the renderer): no Node built-ins, no transports. Put I/O in drivers/src/transports.',
      { noNode: true, modules: ['electron'], patterns: ['**/transports/**'] },
    ),
  },
  {
    files: ['apps/sync-server/**/*.ts'],
    rules: layer(
      'apps/sync-server',
      'the server shares only packages/shared with the terminal; it never imports the terminal, drivers or electron.',
      {
        modules: ['electron', '@store-os/drivers', '@store-os/terminal'],
        patterns: ['**/apps/terminal/**', '**/drivers/**', '@store-os/drivers/*'],
      },
    ),
  },
  {
    files: ['apps/terminal/src/renderer/**/*.ts', 'apps/terminal/src/renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer(
      'apps/terminal renderer',
      'the renderer is sandboxed web content: no electron, no Node built-ins, no drivers. Reach the host only through the typed contract (window.pos) from packages/shared.',
      {
        noNode: true,
        modules: ['electron', '@store-os/drivers'],
        patterns: [
          '@store-os/drivers/*',
          '**/drivers/**',
          // The wedge detector is pure (no Node, no devices) and is meant for the renderer.
          '!@store-os/drivers/keyboard-wedge',
          '**/host/**',
          '**/main/**',
          '**/preload/**',
          '**/browser-host/**',
        ],
      },
    ),
  },
  {
    files: ['apps/terminal/src/host/**/*.ts', 'apps/terminal/src/browser-host/**/*.ts'],
    rules: layer(
      'apps/terminal host',
      'the host is plain Node so it can be tested without Electron: it never imports electron or the renderer. Electron glue belongs in src/main.',
      { modules: ['electron'], patterns: ['**/renderer/**'] },
    ),
  },
  {
    files: ['apps/terminal/src/main/**/*.ts', 'apps/terminal/src/preload/**/*.ts'],
    rules: layer(
      'apps/terminal main/preload',
      'main is a switchboard and preload a bridge: neither imports the renderer or drivers directly; devices are reached through the host.',
      {
        modules: ['@store-os/drivers'],
        patterns: ['**/renderer/**', '@store-os/drivers/*', '**/drivers/**'],
      },
    ),
  },
);
