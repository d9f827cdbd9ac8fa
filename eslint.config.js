// ESLint flat config: typescript-eslint type-checked rules (STYLE rule 42), the layer
// rule (STYLE rule 2) and the purity rule for the simulation core (STYLE rule 28).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders whose code decides what happens in a run: no wall clock, no I/O, no Math.random. */
const pureFolders = [
  'src/core/**',
  'src/events/**',
  'src/model/**',
  'src/faults/**',
  'src/workload/**',
  'src/sim/**',
  'src/scenario/**',
];

const impureGlobals = [
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'crypto',
  'console',
  'process',
].map((name) => ({
  name,
  message: `The simulation core runs on virtual time and does no I/O: '${name}' is not allowed here (STYLE rule 28).`,
}));

const impureModules = [
  'fs',
  'node:fs',
  'node:fs/promises',
  'crypto',
  'node:crypto',
  'node:process',
  'node:timers',
  'node:perf_hooks',
].map((name) => ({
  name,
  message: 'The simulation core does no I/O and reads no clock (STYLE rule 28).',
}));

/**
 * Layers import only downward (STYLE rule 2), from the adapters at the top to the pure core:
 * each folder may import only the folders listed after it.
 */
const layers = [
  'fuzz',
  'cli',
  'live',
  'vitest',
  'io',
  'report',
  'search',
  'sim',
  'client',
  'model',
  'faults',
  'workload',
  'scenario',
  'events',
  'errors',
  'core',
];
const layerBans = Object.fromEntries(
  layers.map((layer, index) => [`src/${layer}/**`, layers.slice(0, index)]),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.stryker-tmp/**',
      'reports/**',
      'interop/dotnet/bin/**',
      'interop/dotnet/obj/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE rule 42).' },
      ],
    },
  },
  ...Object.entries(layerBans).map(([folder, banned]) => ({
    files: [folder.replace('/**', '/**/*.ts')],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: banned.map((layer) => ({
            group: [`../${layer}/*`, `../../${layer}/*`, `../${layer}`, `../../${layer}`],
            message: `Imports point downward only (STYLE rule 2): this layer may not import '${layer}'.`,
          })),
          paths: pureFolders.includes(folder) ? impureModules : [],
        },
      ],
    },
  })),
  {
    files: pureFolders.map((f) => f.replace('/**', '/**/*.ts')),
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded PRNG streams (STYLE rule 30).',
        },
        { object: 'globalThis', property: 'setTimeout', message: 'Use the virtual clock.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.js'],
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['bench/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // Tool configs must default-export their configuration.
    files: ['eslint.config.js', 'vitest.config.ts', 'rolldown.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
