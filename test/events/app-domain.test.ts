// appDomainOf (domain §2.2): SMSvcHost's events name SMSvcHost.exe, the worker's name the
// hosted application's AppDomain.
import { describe, expect, it } from 'vitest';
import { appDomainOf } from '../../src/events/app-domain.js';

describe('appDomainOf', () => {
  it('names SMSvcHost.exe for SMSvcHost, even when the event is about an application', () => {
    expect(appDomainOf('SMSvcHost', 'orders')).toBe('SMSvcHost.exe');
    expect(appDomainOf('SMSvcHost', undefined)).toBe('SMSvcHost.exe');
  });

  it("names the worker's application as IIS names the root application of site 1", () => {
    expect(appDomainOf('worker', 'orders')).toBe('/LM/W3SVC/1/ROOT/orders');
  });

  it("names a self-hosted service's process by a stand-in for its exe file name", () => {
    expect(appDomainOf('worker', 'inventory', 'self')).toBe('inventory.exe');
    expect(appDomainOf('worker', 'orders', 'was')).toBe('/LM/W3SVC/1/ROOT/orders');
  });

  it('names a worker whose application is unknown plainly', () => {
    expect(appDomainOf('worker', undefined)).toBe('worker');
  });
});
