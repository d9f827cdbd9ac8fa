// The style sheet of an HTML report (issue 16), inline like everything in the file. Colours are
// the Okabe-Ito palette, which people with the common colour-vision deficiencies can tell
// apart, and marks also differ by shape (triangle for Error, diamond for Warning, square for an
// Event Log entry), so no meaning rests on colour alone. `prefers-color-scheme: dark` swaps
// the background and text colours; the palette works on both.

/** The report's CSS. */
export const reportStyle = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1b; --muted: #5c5c5c; --line: #d0d0d0; --panel: #f5f5f5;
  --error: #d55e00; --warning: #e69f00; --info: #0072b2; --ok: #009e73; --pink: #cc79a7;
  --sky: #56b4e9; --yellow: #f0e442; --queue: #0072b2; --idle: #009e73;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --fg: #e8e8e8; --muted: #a8a8a8; --line: #3c4048; --panel: #22252b;
    --info: #56b4e9; --queue: #56b4e9; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.report { padding: 12px 20px; border-bottom: 1px solid var(--line); }
header.report h1 { margin: 0; font-size: 20px; }
header.report p { margin: 2px 0 0; color: var(--muted); }
main { display: flex; flex-direction: column; gap: 8px; padding: 0 20px 40px; }
#overview { order: -1; }
section h2 { margin: 18px 0 6px; font-size: 17px; }
section h3 { margin: 14px 0 4px; font-size: 15px; }
.verdict { font-weight: 600; padding: 6px 10px; border-left: 5px solid var(--muted); background: var(--panel); }
.verdict.passed { border-color: var(--ok); }
.verdict.failed, .verdict.stopped { border-color: var(--error); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th.num, td.num { text-align: right; }
.quote { color: var(--muted); font-size: 12px; max-width: 70ch; }
tr.level-error td:nth-child(3), tr.level-critical td:nth-child(3) { color: var(--error); font-weight: 600; }
tr.level-warning td:nth-child(3) { color: var(--warning); font-weight: 600; }
ul#expectations { list-style: none; padding: 0; margin: 4px 0; }
.expectation .mark { display: inline-block; width: 1.3em; font-weight: 700; }
.expectation.met .mark { color: var(--ok); }
.expectation.not-met .mark { color: var(--error); }
.expectation .observed { color: var(--muted); }
svg text { fill: var(--fg); font-size: 12px; }
svg .muted { fill: var(--muted); }
.chart .bar { fill: var(--info); }
.chart .bar.outcome-dispatched { fill: var(--ok); }
.chart .bar.outcome-dispatch-failed { fill: var(--error); }
.chart .bar.outcome-queue-full, .chart .bar.outcome-unavailable, .chart .bar.outcome-dropped-unavailable { fill: var(--warning); }
.chart .bar.outcome-no-route, .chart .bar.outcome-connection-refused { fill: var(--pink); }
.toolbar { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 4px 0; }
button, select, input { font: inherit; color: var(--fg); background: var(--panel);
  border: 1px solid var(--line); border-radius: 4px; padding: 3px 8px; }
button:focus-visible, .mark:focus-visible, .session-bar:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
#timeline { width: 100%; overflow: hidden; border: 1px solid var(--line); border-radius: 4px; touch-action: none; }
#timeline svg { display: block; width: 100%; height: auto; user-select: none; }
.lane-bg { fill: var(--panel); }
.lane-label { font-weight: 600; }
.grid { stroke: var(--line); stroke-width: 1; }
.area-queue { fill: var(--queue); fill-opacity: 0.35; stroke: var(--queue); stroke-width: 1; }
.area-idle { fill: var(--idle); fill-opacity: 0.15; stroke: var(--idle); stroke-width: 1.5; }
.worker-bar { fill: var(--sky); fill-opacity: 0.45; }
.tick-registered { stroke: var(--ok); stroke-width: 3; }
.tick-failed { stroke: var(--warning); stroke-width: 3; }
.tick-unregistered { stroke: var(--muted); stroke-width: 3; }
.tick-exit { stroke: var(--fg); stroke-width: 2; }
.fault-line { stroke: var(--pink); stroke-width: 2; stroke-dasharray: 4 3; }
.fault-span { fill: var(--pink); fill-opacity: 0.2; }
.density-4031 { fill: var(--error); }
.density-error { fill: var(--error); fill-opacity: 0.55; }
.density-warning { fill: var(--warning); }
.mark { cursor: pointer; }
.mark.level-error, .mark.level-critical { fill: var(--error); }
.mark.level-warning { fill: var(--warning); }
.mark.log { fill: var(--bg); stroke: var(--error); stroke-width: 2; }
.mark.log.level-warning { stroke: var(--warning); }
.mark.selected { stroke: var(--fg); stroke-width: 2; }
.session-bar { cursor: pointer; fill: var(--info); }
.session-bar.outcome-dispatched { fill: var(--ok); }
.session-bar.outcome-dispatch-failed { fill: var(--error); }
.session-bar.selected { stroke: var(--fg); stroke-width: 1.5; }
#tooltip { position: fixed; z-index: 10; max-width: 460px; pointer-events: none; background: var(--panel);
  border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; font-size: 12px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
#tooltip[hidden] { display: none; }
.kv { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 4px 0; font-size: 12px; }
.kv .k { color: var(--muted); }
.kv .v { overflow-wrap: anywhere; }
#mark-details { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px; margin-top: 8px; }
#mark-details[hidden] { display: none; }
pre.explain { white-space: pre-wrap; font: 12px/1.4 ui-monospace, Consolas, monospace; margin: 6px 0; }
.note { color: var(--muted); font-size: 12px; }
#journey-diagram .lifeline { stroke: var(--line); stroke-dasharray: 3 3; }
#journey-diagram .head { fill: var(--panel); stroke: var(--line); }
#journey-diagram .arrow { stroke: var(--fg); stroke-width: 1.2; fill: none; marker-end: url(#arrowhead); }
#journey-diagram .arrow.level-error { stroke: var(--error); }
#journey-diagram .arrow.level-warning { stroke: var(--warning); }
#journey-diagram .arrow.client { stroke: var(--info); stroke-dasharray: 5 3; }
#arrowhead path { fill: var(--fg); }
ol#journey-steps { padding-left: 1.6em; }
.journey-step { margin: 4px 0; }
.journey-step .when { color: var(--muted); font-variant-numeric: tabular-nums; }
.journey-step.level-error .what { color: var(--error); font-weight: 600; }
.journey-step.level-warning .what { color: var(--warning); font-weight: 600; }
.journey-step .summary { color: var(--muted); font-size: 12px; }
.journey-client { font-weight: 600; }
`;
