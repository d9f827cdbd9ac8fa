// The shell of an HTML report (issue 16): what is written before the run's data (head, inline
// style, the page's sections, still empty) and after it (the overview, the report's inline
// script, the closing tags). The sections are in the order the data arrives; CSS puts the
// overview, written last, at the top.

import type { RunResult } from '../../sim/run-result.js';
import type { DeterminismCheck } from '../trace-comparison.js';
import type { ReportEnd, ReportMeta } from './html-report-data.js';
import { overviewSection } from './html-overview.js';
import { escapeHtml } from './html-text.js';
import { reportScript } from './report-script.js';
import { reportStyle } from './report-style.js';

/**
 * @param meta - the scenario, seed and applications
 * @returns the start of the document, up to where the data blocks go
 */
export function documentStart(meta: ReportMeta): string {
  const title = `dispatchsim: ${meta.scenario} (seed ${meta.seed})`;
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    // No request leaves the page: not even a favicon, and the policy forbids any other.
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n" +
    '<link rel="icon" href="data:,">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${reportStyle}</style>\n</head>\n<body>\n` +
    `<header class="report"><h1>${escapeHtml(meta.scenario)}</h1>` +
    `<p>dispatchsim run, seed ${meta.seed}; times are virtual milliseconds from the start of the run.</p></header>\n` +
    '<main>\n' +
    '<noscript><p>The timeline and the journeys need JavaScript; the overview below does not.</p></noscript>\n' +
    '<section id="timeline-section"><h2>Timeline</h2>' +
    '<div class="toolbar"><button type="button" id="zoom-in">Zoom in</button>' +
    '<button type="button" id="zoom-out">Zoom out</button><button type="button" id="zoom-reset">Whole run</button>' +
    '<span id="timeline-range" class="note"></span></div>' +
    '<div id="timeline"></div><p id="timeline-note" class="note"></p>' +
    '<div id="mark-details" hidden aria-live="polite"></div></section>\n' +
    '<section id="journey-section"><h2>A session’s journey</h2>' +
    '<form id="journey-find" class="toolbar"><label for="journey-select">Session</label>' +
    '<select id="journey-select"></select><label for="activity-input">or ActivityId / session id</label>' +
    '<input id="activity-input" size="38" placeholder="00000000-0000-0000-0000-000000000001">' +
    '<button type="submit">Show</button></form><p id="journey-message" class="note" aria-live="polite"></p>' +
    '<div id="journey"></div></section>\n' +
    '<div id="tooltip" role="tooltip" hidden></div>\n'
  );
}

/**
 * @param end - the last block's data
 * @param result - the run's result, or undefined when it stopped early
 * @param determinism - the determinism check, when one was run
 * @returns the end of the document: the overview, the script, the closing tags
 */
export function documentEnd(
  end: ReportEnd,
  result: RunResult | undefined,
  determinism: DeterminismCheck | undefined,
): string {
  return (
    overviewSection(end, result, determinism) +
    `</main>\n<script>${reportScript}</script>\n</body>\n</html>\n`
  );
}
