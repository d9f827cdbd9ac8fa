// The ActivatedMessageQueue state machine of domain §6.3, transition by transition.
import { describe, expect, it } from 'vitest';
import {
  ActivatedQueueStateMachine,
  MAX_LISTENER_CHANNEL_FAILURES,
} from '../../src/model/activated-queue-state.js';

function inState(
  state: ActivatedQueueStateMachine['state'],
  failures = 0,
): ActivatedQueueStateMachine {
  const machine = new ActivatedQueueStateMachine();
  machine.state = state;
  machine.failures = failures;
  return machine;
}

describe('ActivatedQueueStateMachine', () => {
  it('starts in PendingOpen with no failures', () => {
    const machine = new ActivatedQueueStateMachine();
    expect([machine.state, machine.failures]).toEqual(['PendingOpen', 0]);
  });

  it('goes from PendingOpen to OpenedPendingConnect on an enqueue and asks WAS to open', () => {
    const machine = inState('PendingOpen');
    expect(machine.onEnqueue()).toBe('open');
    expect(machine.state).toBe('OpenedPendingConnect');
  });

  it.each(['OpenedPendingConnect', 'Connected', 'Faulted'] as const)(
    'does not open again on an enqueue in %s',
    (state) => {
      const machine = inState(state);
      expect(machine.onEnqueue()).toBe('none');
      expect(machine.state).toBe(state);
    },
  );

  it('faults when WAS cannot open a listener channel instance (4025)', () => {
    const machine = inState('OpenedPendingConnect');
    expect(machine.onOpenFailed()).toBe('fault');
    expect(machine.state).toBe('Faulted');
  });

  it('connects and resets the failure counter when a worker registers', () => {
    const machine = inState('OpenedPendingConnect', 4);
    machine.onWorkerRegistered();
    expect([machine.state, machine.failures]).toEqual(['Connected', 0]);
  });

  it('counts a "can open" while still waiting for a connect as a failure and reopens', () => {
    const machine = inState('OpenedPendingConnect', 2);
    expect(machine.onCanOpenNewInstance(true)).toBe('open');
    expect([machine.state, machine.failures]).toEqual(['OpenedPendingConnect', 3]);
  });

  it('waits in PendingOpen after a failed launch when no session is pending', () => {
    const machine = inState('OpenedPendingConnect', 2);
    expect(machine.onCanOpenNewInstance(false)).toBe('none');
    expect([machine.state, machine.failures]).toEqual(['PendingOpen', 3]);
  });

  it('faults on the 7th failed launch in a row', () => {
    const machine = inState('OpenedPendingConnect', MAX_LISTENER_CHANNEL_FAILURES);
    expect(machine.onCanOpenNewInstance(true)).toBe('fault');
    expect([machine.state, machine.failures]).toEqual(['Faulted', 7]);
  });

  it('returns from Connected to PendingOpen on "can open" without counting a failure', () => {
    const machine = inState('Connected');
    expect(machine.onCanOpenNewInstance(false)).toBe('none');
    expect([machine.state, machine.failures]).toEqual(['PendingOpen', 0]);
  });

  it('reopens from Connected on "can open" when sessions wait', () => {
    const machine = inState('Connected');
    expect(machine.onCanOpenNewInstance(true)).toBe('open');
    expect(machine.state).toBe('OpenedPendingConnect');
  });

  it('ignores "can open" and resets while Faulted', () => {
    const machine = inState('Faulted', 7);
    expect(machine.onCanOpenNewInstance(true)).toBe('none');
    machine.onReset();
    expect([machine.state, machine.failures]).toEqual(['Faulted', 7]);
  });

  it('connects from Faulted when a worker registers (OnListenerChannelConnected)', () => {
    const machine = inState('Faulted', 7);
    machine.onWorkerRegistered();
    expect([machine.state, machine.failures]).toEqual(['Connected', 0]);
  });

  it('returns to PendingOpen with the counter reset when the throttle elapses', () => {
    const machine = inState('Faulted', 7);
    machine.onThrottleElapsed();
    expect([machine.state, machine.failures]).toEqual(['PendingOpen', 0]);
  });

  it('returns to PendingOpen when WAS reports all instances stopped or the URIs change', () => {
    const machine = inState('Connected');
    machine.onReset();
    expect(machine.state).toBe('PendingOpen');
  });
});
