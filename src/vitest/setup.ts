// A vitest setup file that registers the dispatchsim matchers: its only effect is that
// side effect. List it in `test.setupFiles`, or call `installMatchers()` in your own.

import { installMatchers } from './matchers.js';

installMatchers();
