// The worker's echo over SOAP 1.2 text (issue 14): what WCF's text encoder sends, and the
// reply correlated by RelatesTo.
import { describe, expect, it } from 'vitest';
import { buildEchoReply, parseEchoRequest } from '../../src/live/soap-echo.js';

const request =
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">' +
  '<s:Header><a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/Echo</a:Action>' +
  '<a:MessageID>urn:uuid:11111111-2222-3333-4444-555555555555</a:MessageID>' +
  '<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>' +
  '<a:To s:mustUnderstand="1">net.tcp://127.0.0.1:808/orders/service.svc</a:To></s:Header>' +
  '<s:Body><Echo xmlns="urn:dispatchsim:echo"><text>a &lt;b&gt; c</text></Echo></s:Body></s:Envelope>';

describe('the echo contract', () => {
  it('reads the action, the MessageID and the first parameter', () => {
    expect(parseEchoRequest(request)).toEqual({
      action: 'urn:dispatchsim:echo/IEcho/Echo',
      messageId: 'urn:uuid:11111111-2222-3333-4444-555555555555',
      operation: 'Echo',
      namespace: 'urn:dispatchsim:echo',
      text: 'a &lt;b&gt; c',
    });
  });

  it('replies with the response action, RelatesTo and the parameter back, still escaped', () => {
    const parsed = parseEchoRequest(request);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const reply = buildEchoReply(parsed);
    expect(reply).toContain(
      '<a:Action s:mustUnderstand="1">urn:dispatchsim:echo/IEcho/EchoResponse</a:Action>',
    );
    expect(reply).toContain(
      '<a:RelatesTo>urn:uuid:11111111-2222-3333-4444-555555555555</a:RelatesTo>',
    );
    expect(reply).toContain(
      '<EchoResponse xmlns="urn:dispatchsim:echo"><EchoResult>a &lt;b&gt; c</EchoResult></EchoResponse>',
    );
  });

  it('echoes an empty or absent parameter as empty, and names what is missing', () => {
    const empty = request.replace('<text>a &lt;b&gt; c</text>', '<text/>');
    expect(parseEchoRequest(empty)).toMatchObject({ text: '' });
    expect(parseEchoRequest('<s:Envelope><s:Body/></s:Envelope>')).toEqual({
      problem: 'the envelope has no WS-Addressing Action',
    });
  });
});
