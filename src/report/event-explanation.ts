// The text of `dispatchsim explain <id|name>`: an ETW event's manifest descriptor (domain
// §2.1, §2.3) or an Event Log entry's (§2.4), and its explanation (when it is written, every
// cause, what the client sees, what it is mistaken for; §3.3, §3.4, §5, §7), wrapped for a
// terminal.

import { unsimulatedEventIds, type CatalogEntry } from '../events/event-catalog.js';
import type { EventLogDescription } from '../events/describe-event-log-entry.js';
import type { EventExplanation } from '../events/event-explanations.js';
import { describePayload } from './event-table.js';
import { plainStyle, type TextStyle } from './text-style.js';

/** Options of {@link formatEventExplanation} and {@link formatEventLogExplanation}. */
export interface ExplanationOptions {
  /** Colours. @default plainStyle */
  readonly style?: TextStyle;
  /** Wrap prose at this many columns. @default 100 */
  readonly width?: number;
}

/**
 * Wraps prose at word boundaries.
 * @param text - one paragraph
 * @param width - the line width, indentation included
 * @param first - the prefix of the first line (e.g. `  - `)
 * @param rest - the prefix of the following lines (e.g. `    `)
 * @returns the wrapped lines
 */
export function wrapText(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * Formats an event's descriptor and explanation.
 * @param event - a catalogue row with its explanation, as `describeEvent` returns it
 * @param options - colours and width
 * @returns the text, ending with a newline
 */
export function formatEventExplanation(
  event: CatalogEntry & { readonly explanation: EventExplanation },
  options: ExplanationOptions = {},
): string {
  const style = options.style ?? plainStyle;
  const width = Math.max(40, options.width ?? 100);
  const { explanation } = event;
  const level =
    event.level === 'Error' || event.level === 'Critical'
      ? style.red(event.level)
      : event.level === 'Warning'
        ? style.yellow(event.level)
        : event.level;
  const lines = [
    `${style.bold(`${event.id} ${event.name}`)}  ${level}, ${event.channel} channel`,
    `  task      ${event.task.name} (${event.task.id}), opcode ${event.opcode.name} (${event.opcode.id}), keywords ${event.keywords}`,
    `  message   ${event.message}`,
    `  payload   ${event.payload.length === 0 ? 'AppDomain (string) only' : `${describePayload(event)}, then AppDomain (string)`}`,
    `  activity  ${event.activity}, written by ${event.emitter === 'worker' ? 'the worker process' : 'SMSvcHost.exe'}${
      // Only the sessions' ActivityIds are modelled (README, Simplifications).
      event.activity === 'session' || event.activity === 'none'
        ? ''
        : '; not modelled: no ActivityId in the simulated trace'
    }`,
    ...(unsimulatedEventIds.has(event.id)
      ? [
          `  simulated ${style.yellow('no')}: the simulator never emits it; only a count of 0 meets an expectation of it`,
        ]
      : []),
    ...explanationSections(explanation, style, width),
  ];
  return lines.join('\n') + '\n';
}

/**
 * Formats a Windows Event Log entry's descriptor and explanation (domain §2.4).
 * @param entry - an entry as `describeEventLogEntry` returns it
 * @param options - colours and width
 * @returns the text, ending with a newline
 */
export function formatEventLogExplanation(
  entry: EventLogDescription,
  options: ExplanationOptions = {},
): string {
  const style = options.style ?? plainStyle;
  const width = Math.max(40, options.width ?? 100);
  const level = entry.level === 'Error' ? style.red(entry.level) : style.yellow(entry.level);
  const lines = [
    `${style.bold(`Event Log ${entry.id} ${entry.name}`)}  ${level}, System log`,
    `  source    ${entry.source}, category ${entry.category}`,
    ...wrapText(entry.message, width, '  message   ', '            '),
    ...explanationSections(entry.explanation, style, width),
  ];
  return lines.join('\n') + '\n';
}

// The sections both kinds of explanation share.
function explanationSections(
  explanation: EventExplanation,
  style: TextStyle,
  width: number,
): string[] {
  const heading = (title: string): string => style.bold(title);
  const paragraph = (text: string): string[] => wrapText(text, width, '  ', '  ');
  const bullets = (items: readonly string[]): string[] =>
    items.flatMap((item) => wrapText(item, width, '  - ', '    '));
  return [
    '',
    heading('When it is written'),
    ...paragraph(explanation.summary),
    '',
    heading('Causes'),
    ...bullets(explanation.triggers),
    '',
    heading('What the client sees'),
    ...paragraph(explanation.clientSees),
    '',
    heading('Mistaken for'),
    ...(explanation.mistakenFor.length === 0
      ? ['  (nothing in particular)']
      : bullets(explanation.mistakenFor)),
    '',
    // The notes ship in the package's docs/ with the same section numbers (issue 15).
    style.dim(
      `Background: ${explanation.domainSections.join(', ')} of docs/wcf-activation-notes.md (in the package)`,
    ),
  ];
}
