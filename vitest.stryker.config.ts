// The vitest configuration StrykerJS runs the tests with (`npm run mutate`, issue 17): the
// unit, scenario and property tests, which import `src/` and so see each mutant. Left out:
// tests that run the built code in `dist/` (worker threads, the CLI as a child process, the
// packed package, the live listener) or a browser, which no mutant reaches, and the CLI and
// search suites, which mutate nothing in the folders Stryker mutates and cost the most time.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// eslint-disable-next-line no-restricted-syntax -- a tool config must default-export it
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        'test/cli/**',
        'test/search/**',
        'test/package/**',
        'test/live/**',
        'test/docs/**',
        'test/report/html/**',
        'test/vitest/swarm-scenario.test.ts',
      ],
      typecheck: { enabled: false },
    },
  }),
);
