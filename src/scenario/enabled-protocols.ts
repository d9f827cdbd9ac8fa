// IIS enabledProtocols (domain §7), read by the model (a WAS app whose protocol is not
// enabled has its requests blocked) and by validation (which warns of such an app).

/**
 * IIS enabledProtocols: the string form is split at commas without trimming, and compared
 * case-sensitively, so "http, net.tcp" does not enable net.tcp (domain §7).
 * @param enabledProtocols - the app's setting
 * @param scheme - `net.tcp` or `net.pipe`
 * @returns whether requests on that protocol are allowed
 */
export function isProtocolEnabled(
  enabledProtocols: string | readonly string[] | undefined,
  scheme: string,
): boolean {
  return enabledProtocols === undefined || protocolsOf(enabledProtocols).includes(scheme);
}

/**
 * @param enabledProtocols - an app's setting: a list, or IIS's comma-separated text
 * @returns the protocols as IIS reads them: the text split at commas, nothing trimmed
 */
export function protocolsOf(enabledProtocols: string | readonly string[]): readonly string[] {
  return typeof enabledProtocols === 'string' ? enabledProtocols.split(',') : enabledProtocols;
}
