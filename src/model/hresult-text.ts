// How SMSvcHost writes an HRESULT into an event's payload: the listener adapter holds it as an
// int and writes `hresult.ToString(CultureInfo.CurrentCulture)` (ListenerAdapter.cs, 4025;
// ListenerAdapterBase.cs, 4022), so a failure code is a negative decimal number, never hex.

/**
 * @param hresult - an HRESULT as a scenario writes it, e.g. `0x80070005`
 * @returns the text a real 4025 carries for it, e.g. `-2147024891`
 */
export function hresultText(hresult: string): string {
  return String(Number.parseInt(hresult, 16) | 0);
}
