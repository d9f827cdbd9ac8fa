import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/events/describe-event.js';
import { eventCatalog } from '../../src/events/event-catalog.js';

describe('describeEvent', () => {
  it.each(eventCatalog.map((e) => [e.id, e.name] as const))('explains %i %s', (id) => {
    const explanation = describeEvent(id)?.explanation;

    expect(explanation?.summary.length).toBeGreaterThan(40);
    expect(explanation?.triggers.length).toBeGreaterThan(0);
    expect(explanation?.clientSees.length).toBeGreaterThan(0);
    expect(explanation?.mistakenFor.length).toBeGreaterThan(0);
    expect(explanation?.domainSections.length).toBeGreaterThan(0);
    for (const section of explanation?.domainSections ?? []) {
      expect(section).toMatch(/^§\d+(\.\d+)?$/);
    }
  });

  it('keeps the descriptor fields next to the explanation', () => {
    const described = describeEvent(4031);

    expect(described).toMatchObject({
      id: 4031,
      name: 'DispatchSessionFailed',
      level: 'Error',
      channel: 'Analytic',
    });
  });

  it('finds the same event by id, numeric string and name in any letter case', () => {
    const byId = describeEvent(4010);

    expect(describeEvent('4010')).toEqual(byId);
    expect(describeEvent('PendingSessionQueueFull')).toEqual(byId);
    expect(describeEvent('pendingsessionqueuefull')).toEqual(byId);
  });

  it.each([4004, 4017, '4018', 1, 'DispatchSessionExploded'])(
    'returns undefined for the unknown event %j',
    (key) => {
      expect(describeEvent(key)).toBeUndefined();
    },
  );

  it('tells 4031 apart from worker-side activation failures that log 4030', () => {
    const explanation = describeEvent(4031)?.explanation;

    expect(explanation?.clientSees).toContain('ConnectionDispatchFailed');
    expect(explanation?.mistakenFor.some((text) => text.includes('4030'))).toBe(true);
  });

  it('lists the three causes of 4031 and their side effects', () => {
    const triggers = describeEvent('DispatchSessionFailed')?.explanation.triggers ?? [];

    const paths = triggers.filter((t) => /^F\d,/.test(t)).map((t) => t.slice(0, 2));
    const all = triggers.join(' ');

    expect(paths).toEqual(['F1', 'F2', 'F3']);
    expect(all).toMatch(/Event Log 8 \(TCP\) or 9 \(pipe\)/);
    expect(all).toContain('worker unregistered');
    expect(all).toContain('never retried');
  });
});
