// Every SMSvcHost Event Log entry is explained like an ETW event (domain §2.4; issue 11
// item 11), and the explanations of 4025 and 1419 say what the simulator does.
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/events/describe-event.js';
import { describeEventLogEntry } from '../../src/events/describe-event-log-entry.js';
import { eventLogCatalog } from '../../src/events/event-log-entry.js';
import { MAX_PENDING_CONNECTIONS_REACHED } from '../../src/model/dispatcher.js';

describe('describeEventLogEntry', () => {
  it.each(eventLogCatalog.map((e) => [e.id, e.name] as const))('explains %i %s', (id) => {
    const described = describeEventLogEntry(id);

    expect(described?.source).toBe('SMSvcHost 4.0.0.0');
    expect(described?.explanation.summary.length).toBeGreaterThan(40);
    expect(described?.explanation.triggers.length).toBeGreaterThan(0);
    expect(described?.explanation.mistakenFor.length).toBeGreaterThan(0);
    for (const section of described?.explanation.domainSections ?? []) {
      expect(section).toMatch(/^§\d+(\.\d+)?$/);
    }
  });

  it('finds an entry by id, numeric string and name in any letter case, around whitespace', () => {
    const byId = describeEventLogEntry(8);

    expect(byId?.name).toBe('MessageQueueDuplicatedSocketLeak');
    expect(describeEventLogEntry('8')).toEqual(byId);
    expect(describeEventLogEntry('messagequeueduplicatedsocketleak')).toEqual(byId);
    expect(describeEventLogEntry(' 8\n')).toEqual(byId);
    expect(describeEventLogEntry('  MessageQueueDuplicatedSocketLeak ')).toEqual(byId);
    expect(describeEventLogEntry(11)).toBeUndefined();
    expect(describeEventLogEntry(4031)).toBeUndefined();
  });

  it('puts Event Log 8 before the close of the worker and 4031, on F1, F2 and F3', () => {
    const explanation = describeEventLogEntry(8)?.explanation;

    expect(explanation?.summary).toContain('writes this entry first, then closes the worker');
    expect(explanation?.triggers.map((t) => t.slice(0, 2))).toEqual(['F1', 'F2', 'F3']);
  });
});

describe('the explanations of 4025 and 1419', () => {
  it('counts the reopen WAS triggers with sessions pending among the causes of 4025', () => {
    const triggers = describeEvent(4025)?.explanation.triggers.join('\n') ?? '';

    expect(triggers).toContain('while sessions were pending');
    expect(triggers).toContain('LaunchQueueInstance');
  });

  it('quotes the text 1419 carries in the simulator', () => {
    expect(describeEvent(1419)?.explanation.summary).toContain(
      MAX_PENDING_CONNECTIONS_REACHED.data1,
    );
  });
});
