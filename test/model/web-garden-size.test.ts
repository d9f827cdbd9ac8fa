// The web garden size of an application pool (domain §6.1, §6.2): its maxProcesses, else the
// `workers` a WAS application of the pool states (the older way of writing it), else 1.
import { describe, expect, it } from 'vitest';
import { webGardenSize } from '../../src/model/machine.js';
import { appPoolSchema, appSchema, type AppSpec } from '../../src/scenario/scenario-schema.js';

const pool = (input: Record<string, unknown>) => appPoolSchema.parse(input);
const app = (input: Record<string, unknown>): AppSpec => appSchema.parse(input);

describe('webGardenSize', () => {
  it('is the pool maxProcesses when it states one, whatever its applications say', () => {
    const apps = [app({ name: 'a', baseAddress: 'net.tcp://h/a/', appPool: 'P', workers: 2 })];

    expect(webGardenSize(pool({ name: 'P', maxProcesses: 3 }), apps)).toBe(3);
  });

  it('is the workers of a WAS application of the pool', () => {
    const apps = [
      app({ name: 'other', baseAddress: 'net.tcp://h/o/', appPool: 'Q', workers: 5 }),
      app({ name: 'plain', baseAddress: 'net.tcp://h/p/', appPool: 'P' }),
      app({ name: 'a', baseAddress: 'net.tcp://h/a/', appPool: 'P', workers: 2 }),
    ];

    expect(webGardenSize(pool({ name: 'P' }), apps)).toBe(2);
  });

  it('counts an application without a pool as one of DefaultAppPool', () => {
    const apps = [app({ name: 'a', baseAddress: 'net.tcp://h/a/', workers: 4 })];

    expect(webGardenSize(pool({ name: 'DefaultAppPool' }), apps)).toBe(4);
  });

  it('ignores the workers of a self-hosted service, which has no pool', () => {
    const apps = [
      app({ name: 'self', baseAddress: 'net.tcp://h/s/', hosting: 'self', workers: 2 }),
      app({ name: 'a', baseAddress: 'net.tcp://h/a/' }),
    ];

    expect(webGardenSize(pool({ name: 'DefaultAppPool' }), apps)).toBe(1);
  });

  it('is 1 when neither the pool nor its applications say', () => {
    expect(webGardenSize(pool({ name: 'P' }), [])).toBe(1);
  });
});
