// eventLogDescriptor: the table row of one SMSvcHost Event Log entry (domain §2.4).
import { describe, expect, it } from 'vitest';
import { eventLogDescriptor, type EventLogName } from '../../src/events/event-log-entry.js';

describe('eventLogDescriptor', () => {
  it('returns the row of an entry by its name', () => {
    expect(eventLogDescriptor('MessageQueueDuplicatedSocketLeak')).toMatchObject({
      id: 8,
      level: 'Error',
      category: 'Sharing Service',
    });
  });

  it('throws a RangeError naming an entry the table does not have', () => {
    expect(() => eventLogDescriptor('NoSuchEntry' as EventLogName)).toThrow(
      new RangeError("Unknown Event Log entry 'NoSuchEntry'"),
    );
  });
});
