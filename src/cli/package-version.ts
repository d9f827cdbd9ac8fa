// The package's version, read from package.json, which sits two levels up from both src/cli/
// and dist/cli/.

import { createRequire } from 'node:module';

/** @returns the version in package.json, or 0.0.0 when it cannot be read */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest: unknown = require('../../package.json');
  return typeof manifest === 'object' &&
    manifest !== null &&
    'version' in manifest &&
    typeof manifest.version === 'string'
    ? manifest.version
    : '0.0.0';
}
