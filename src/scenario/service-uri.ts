// Parsing of net.tcp and net.pipe addresses (base addresses and vias), shared by scenario
// validation and the routing table (domain §3.1 step 6). Paths compare case-insensitively
// and by whole segments, as the URI prefix tables of SMSvcHost do.

/** The two transports SMSvcHost dispatches (domain §1). */
export type Transport = 'tcp' | 'pipe';

/** A parsed net.tcp or net.pipe URI. */
export interface ServiceUri {
  /** The original text. */
  readonly text: string;
  readonly transport: Transport;
  readonly scheme: 'net.tcp' | 'net.pipe';
  /** Lower-cased host; `+` and `*` are the strong and weak wildcards. */
  readonly host: string;
  /** The TCP port (808 when omitted); 0 for net.pipe. */
  readonly port: number;
  /** Lower-cased path segments, without empty ones. */
  readonly segments: readonly string[];
  /**
   * The canonical text, as System.Uri.ToString() gives it: scheme and host lower-cased, the
   * default net.tcp port (808) left out, the path as written (`/` when there is none).
   */
  readonly canonical: string;
}

/** The default net.tcp port of WAS site bindings ("808:*"). */
export const DEFAULT_TCP_PORT = 808;

/** Longest via SMSvcHost reads, in UTF-8 bytes (ListenerConstants MaxUriSize, domain §4.2). */
export const MAX_VIA_BYTES = 2048;

/**
 * The host of a URI, as a regular expression source: a name (or a wildcard) or a bracketed
 * IPv6 address, as System.Uri writes one (`net.tcp://[::1]:9000/`, what a client of
 * `serve --host ::1` sends). Case-insensitive use assumed.
 */
export const URI_HOST_PATTERN = String.raw`\[[0-9a-f:.]+\]|[^/:?#[\]]+`;

const uriPattern = new RegExp(
  String.raw`^(net\.tcp|net\.pipe):\/\/(${URI_HOST_PATTERN})(?::(\d+))?(\/[^?#]*)?$`,
  'i',
);

// The same, with a query and a fragment after the path (a client's via).
const uriWithQueryPattern = new RegExp(
  String.raw`^(net\.tcp|net\.pipe):\/\/(${URI_HOST_PATTERN})(?::(\d+))?(\/[^?#]*)?(\?[^#]*)?(#.*)?$`,
  'i',
);

/** What {@link parseServiceUri} takes besides a path. */
export interface ServiceUriOptions {
  /**
   * Take a query and a fragment after the path, as a client's via may carry them: routing
   * reads the path alone, as SMSvcHost's prefix tables read `Uri.AbsolutePath`, and the
   * canonical text keeps them, as `Uri.ToString()` does. Addresses in scenario files take
   * neither. @default false
   */
  readonly query?: boolean;
}

/**
 * Parses a net.tcp or net.pipe URI.
 * @param text - e.g. `net.tcp://localhost/orders/service.svc`
 * @param options - whether a query and fragment are taken (a client's via)
 * @returns the parsed URI, or a string saying what is wrong
 */
export function parseServiceUri(
  text: string,
  options: ServiceUriOptions = {},
): ServiceUri | string {
  const match = (options.query === true ? uriWithQueryPattern : uriPattern).exec(text);
  if (match === null) {
    return 'a net.tcp://host[:port]/path or net.pipe://host/path URI';
  }
  const scheme = (match[1] ?? '').toLowerCase() === 'net.tcp' ? 'net.tcp' : 'net.pipe';
  const transport: Transport = scheme === 'net.tcp' ? 'tcp' : 'pipe';
  if (transport === 'pipe' && match[3] !== undefined) {
    return 'a net.pipe URI without a port';
  }
  const port = transport === 'tcp' ? Number(match[3] ?? DEFAULT_TCP_PORT) : 0;
  if (transport === 'tcp' && (port < 1 || port > 65535)) {
    return 'a TCP port from 1 to 65535';
  }
  const path = match[4] ?? '/';
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase());
  const host = (match[2] ?? '').toLowerCase();
  // System.Uri knows net.tcp (default port 808) and net.pipe; ToString() lower-cases the
  // scheme and host, drops a default port and keeps the path's case.
  const authority = transport === 'tcp' && port !== DEFAULT_TCP_PORT ? `${host}:${port}` : host;
  const canonical = `${scheme}://${authority}${path}${match[5] ?? ''}${match[6] ?? ''}`;
  return { text, transport, scheme, host, port, segments, canonical };
}

/**
 * A zod refinement for address fields: the text must parse as a net.tcp or net.pipe URI.
 * Checked on the field itself, so the problem is reported even when other fields fail.
 * @param text - the field's value
 * @param context - zod's refinement context
 */
export function refineServiceUri(
  text: string,
  context: { addIssue(issue: { code: 'custom'; message: string }): void },
): void {
  const parsed = parseServiceUri(text);
  if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
}

/**
 * What tells two registered base addresses apart, as BaseUriWithWildcard.Equals compares them
 * (SM/Channels/BaseUriWithWildcard.cs): the scheme, the port, the host-name comparison mode and
 * the path, plus the host in the exact mode only (a wildcard registration stands for every
 * host name). The path is compared by whole segments, so `/a` and `/a/` are one address, and
 * without case, as the routing table reads it (simplification: the real comparison of the
 * path text is ordinal).
 * @param uri - a base address
 * @param mode - its HostNameComparisonMode
 * @returns a key equal for two registrations of the same base address
 */
export function registrationKey(
  uri: ServiceUri,
  mode: 'strongWildcard' | 'exact' | 'weakWildcard',
): string {
  const host = mode === 'exact' ? uri.host : '';
  return `${uri.transport}:${mode}:${host}:${uri.port}/${uri.segments.join('/')}`;
}

/**
 * @param base - a registered base address
 * @param via - a via
 * @returns true when the base's path segments are a prefix of the via's
 */
export function isPathPrefix(base: ServiceUri, via: ServiceUri): boolean {
  if (base.segments.length > via.segments.length) return false;
  for (let i = 0; i < base.segments.length; i++) {
    if (base.segments[i] !== via.segments[i]) return false;
  }
  return true;
}

/**
 * @param text - a via or a base address
 * @returns whether its UTF-8 form is longer than a via record may be ({@link MAX_VIA_BYTES})
 */
export function exceedsViaLimit(text: string): boolean {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so a text of up to 682 units needs no count:
  // the dispatcher asks for every session's via.
  return text.length * 3 > MAX_VIA_BYTES && utf8Length(text) > MAX_VIA_BYTES;
}

/**
 * @param text - a string
 * @returns its length in UTF-8 bytes
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
