// Scenario no-route (domain §3.1 step 6, §3.4 no route, §5 EndpointNotFound).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatScenarioIssue } from '../../src/errors/scenario-error.js';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { sessionPath } from '../helpers/record-events.js';
import {
  bundledScenarioPath,
  clientSeen,
  outcomeOf,
  runBundled,
  unmetExpectations,
} from '../helpers/run-bundled.js';

describe('scenario: no-route', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('no-route');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it('looks the via up, misses, and answers EndpointNotFound without dispatching', async () => {
    const run = await runBundled('no-route');

    const lookup = run.events.find(
      (e) => e.name === 'RoutingTableLookupStop' && e.annotations.sessionId === 3,
    );
    expect(sessionPath(run.events, 3)).toEqual([4001]);
    expect(lookup?.annotations).toMatchObject({ matched: null, pass: null });
    expect(clientSeen(outcomeOf(run, 3))).toBe('fault EndpointNotFound EndpointNotFoundException');
    expect(outcomeOf(run, 3).client.message).toBe(
      'There was no endpoint listening at net.tcp://localhost/order/service.svc that could accept the message. This is often caused by an incorrect address or SOAP action. See InnerException, if present, for more details.',
    );
  });

  it('sends the clients of a moved service to /unregistered/ with the no-route fault', async () => {
    const run = await runBundled('no-route');

    const moved = run.outcomes.filter((o) => o.via.includes('/unregistered/'));
    expect(moved.length).toBe(run.result.faultsFired['no-route']);
    expect(new Set(moved.map((o) => o.kind))).toEqual(new Set(['no-route']));
  });

  // Its expectations count on no-route, so its unroutable via is meant: no warning, which the
  // tutorial's `npx dispatchsim run no-route` printed as noise (user report). Without those
  // expectations the same file is warned about.
  it('parses without warning about the via it means to be unroutable', async () => {
    const file = bundledScenarioPath('no-route');
    const text = await readFile(file, 'utf8');
    const withoutExpectations = text.slice(0, text.indexOf('\nexpect:') + 1);

    const parsed = parseScenario(text, 'no-route.yaml');
    const unexpected = parseScenario(withoutExpectations, 'no-route.yaml');

    expect(parsed.ok ? parsed.warnings : parsed.issues).toEqual([]);
    expect(unexpected.ok ? unexpected.warnings.map(formatScenarioIssue) : []).toEqual([
      "no-route.yaml:33: warning: workload.vias[1].via: expected a via some app can route (this one gives no-route) (got 'net.tcp://localhost/order/service.svc' (string)); did you mean net.tcp://localhost/orders/service.svc?",
    ]);
  });
});
