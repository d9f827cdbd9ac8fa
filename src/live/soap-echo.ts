// The worker's echo contract over SOAP 1.2 text (issue 14; net-framing.md "Smallest
// successful reply"): any request/reply operation `Op` of any contract is answered with
// `<OpResponse><OpResult>` holding the text of the request's first parameter, with the
// reply action `<action>Response` and WS-Addressing RelatesTo = the request's MessageID, as
// WCF's request/reply over a duplex session expects. The C# contract this serves is
//   [ServiceContract(Namespace = "urn:dispatchsim:echo")]
//   interface IEcho { [OperationContract] string Echo(string text); }
// Simplification: the envelope is read with a few patterns, not an XML parser: enough for
// what WCF's text encoder writes (and what binary-xml-reader.ts makes of a binary envelope),
// not a general SOAP stack. Pure.

/** SOAP 1.2 envelope namespace. */
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';
/** WS-Addressing 1.0 namespace. */
export const WS_ADDRESSING_NAMESPACE = 'http://www.w3.org/2005/08/addressing';

/** What the echo needs from a request. */
export interface EchoRequest {
  readonly action: string;
  /** Undefined for a one-way message, which gets no reply. */
  readonly messageId: string | undefined;
  /** The body's first element: the operation. */
  readonly operation: string;
  /** Its namespace (the contract's). */
  readonly namespace: string;
  /** The raw (still escaped) text of its first child: the first parameter. */
  readonly text: string;
}

function header(envelope: string, name: string): string | undefined {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([^<]*)</(?:[\\w.-]+:)?${name}>`).exec(
    envelope,
  );
  return match?.[1]?.trim();
}

/**
 * @param envelope - a SOAP 1.2 envelope as WCF's text encoder writes it
 * @returns the request's action, MessageID and first parameter, or a problem
 */
export function parseEchoRequest(envelope: string): EchoRequest | { readonly problem: string } {
  const action = header(envelope, 'Action');
  if (action === undefined) return { problem: 'the envelope has no WS-Addressing Action' };
  const body = /<(?:[\w.-]+:)?Body\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?Body>/.exec(envelope)?.[1];
  if (body === undefined) return { problem: 'the envelope has no Body' };
  const operation = /<([\w.-]+:)?([\w.-]+)\b([^>]*?)(\/?)>/.exec(body);
  if (operation === null) return { problem: 'the Body is empty' };
  const [, , name = '', attributes = '', selfClosing] = operation;
  const namespace = /\bxmlns(?::[\w.-]+)?="([^"]*)"/.exec(attributes)?.[1] ?? '';
  let text = '';
  if (selfClosing !== '/') {
    const rest = body.slice(operation.index + operation[0].length);
    const child = /^\s*<([\w.-]+:)?([\w.-]+)\b[^>]*?(?:\/>|>([^<]*)<\/)/.exec(rest);
    text = child?.[3] ?? '';
  }
  return { action, messageId: header(envelope, 'MessageID'), operation: name, namespace, text };
}

/**
 * @param request - the parsed request
 * @returns the reply envelope: action `<action>Response`, RelatesTo the request's
 *   MessageID, body `<OpResponse xmlns=ns><OpResult>text</OpResult></OpResponse>`
 */
export function buildEchoReply(request: EchoRequest): string {
  const { action, messageId, operation, namespace, text } = request;
  const relatesTo = messageId === undefined ? '' : `<a:RelatesTo>${messageId}</a:RelatesTo>`;
  return (
    `<s:Envelope xmlns:s="${SOAP12_NAMESPACE}" xmlns:a="${WS_ADDRESSING_NAMESPACE}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${action}Response</a:Action>${relatesTo}</s:Header>` +
    `<s:Body><${operation}Response xmlns="${namespace}">` +
    `<${operation}Result>${text}</${operation}Result>` +
    `</${operation}Response></s:Body></s:Envelope>`
  );
}
