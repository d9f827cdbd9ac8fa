// loadScenario's errors for a file it cannot read, and the paths it takes (user report): a
// relative path is read from the working directory, which in a test runner is seldom the
// test's folder, so the error says where it looked.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/load-scenario.js';

describe('loadScenario', () => {
  it.each(['soak.yaml', 'nested/soak.yaml'])(
    'names where it looked for the missing relative path %s',
    async (file) => {
      await expect(loadScenario(file)).rejects.toMatchObject({
        code: 'scenario.invalid',
        message: `${file}: expected a readable scenario file (got no such file: ${resolve(file)})`,
      });
    },
  );
});
