// The vitest configuration StrykerJS runs the tests with (`npm run mutate`, issue 17): the
// unit tests of the mutated folders and one suite per bundled scenario, which import `src/`
// and so see each mutant. Left out: tests that run the built code in `dist/` (worker threads,
// the CLI as a child process, the packed package, the live listener) or a browser, which no
// mutant reaches; and, to keep a run affordable on a shared machine, the suites that rerun
// many scenarios per test (property and fuzz tests, the catalogue, the bundled-scenario and
// report suites, the vitest matchers) and the CLI and search suites. A mutant only these
// would kill counts as survived, so the scores are a floor.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// eslint-disable-next-line no-restricted-syntax -- a tool config must default-export it
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'node_modules/**',
        // The CLI suites too: they import each command lazily inside a test, so the schemas'
        // load-time mutants look covered by that one unrelated test (and survive) instead of
        // static (and ignored, as everywhere else); they cover no other mutant on their own
        // (measured: no src/scenario mutant is covered by the CLI suites alone).
        'test/cli/**',
        'test/search/**',
        'test/package/**',
        'test/live/**',
        'test/docs/**',
        'test/properties/**',
        'test/fuzz/**',
        'test/io/**',
        'test/report/**',
        'test/vitest/**',
        'test/scenarios/catalogue.test.ts',
      ],
      typecheck: { enabled: false },
      // Isolation stays on: with `isolate: false` Stryker's setup keeps the mode of its first run
      // in a reused worker, so mutants are never switched on and survive (seen here).
      // Under a loaded machine a test that waits for a livelock needs more than 5 s.
      testTimeout: 30_000,
    },
  }),
);
