// Scenario validation benchmark (issue 5): parseScenario (YAML, then the schema, then one
// located issue per problem) on files with 1,000 and 16,000 unknown keys, and their ratio.
// Linear work gives a ratio near 16; the quadratic lookups this guards against gave about
// 16 × 16. For context, a file with 16,000 aliases of one anchored fault rule.
// Wall-clock timing lives here and only here: test/scenario/parse-scenario.test.ts checks
// that the same kind of file gives one issue per key, each at its line.

import { parseScenario } from '../dist/index.js';

/** A valid scenario the unknown keys are appended to. */
const base =
  'name: bench-validation\napps:\n  - name: orders\n    baseAddress: net.tcp://localhost/orders/\n';

/** Warm-up runs of every file, so the first file timed does not pay for the JIT alone. */
const WARM_UPS = 3;

/** Timed runs per file; the median is reported. */
const RUNS = 7;

function unknownKeys(count) {
  let text = base;
  for (let i = 0; i < count; i++) text += `unknown${i}: ${i}\n`;
  return text;
}

function aliasedRules(count) {
  return `${base}faults:\n  - &rule { kind: no-route, probability: 0.5 }\n${'  - *rule\n'.repeat(count)}`;
}

function medianMs({ text, check }) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const parsed = parseScenario(text, 'bench.yaml');
    times.push(performance.now() - started);
    check(parsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function issueCount(expected) {
  return (parsed) => {
    const found = parsed.ok ? 0 : parsed.issues.length;
    if (found !== expected) throw new Error(`expected ${expected} issues, got ${found}`);
  };
}

function faultCount(expected) {
  return (parsed) => {
    const found = parsed.ok ? parsed.scenario.faults.length : 0;
    if (found !== expected) throw new Error(`expected ${expected} faults, got ${found}`);
  };
}

/**
 * Times parse + validate of scenario files with 1k and 16k unknown keys.
 * @returns printable lines: each time, their ratio (about 16 when linear), and for context
 *   the time of a file with 16k aliases of one anchor
 */
export async function benchScenarioValidation() {
  const files = [
    { text: unknownKeys(1_000), check: issueCount(1_000) },
    { text: unknownKeys(16_000), check: issueCount(16_000) },
    { text: aliasedRules(16_000), check: faultCount(16_001) },
  ];
  for (let run = 0; run < WARM_UPS; run++) {
    for (const { text, check } of files) check(parseScenario(text, 'bench.yaml'));
  }
  const [small, large, aliases] = files.map(medianMs);
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  return [
    `Scenario validation (parseScenario, median of ${RUNS} runs after ${WARM_UPS} warm-ups, Node ${process.version})`,
    `  1k unknown keys   ${fmt(small)}`,
    `  16k unknown keys  ${fmt(large)}`,
    `  ratio             ${(large / small).toFixed(1)} (linear: about 16)`,
    `  16k aliases       ${fmt(aliases)} (one anchored fault rule; for context)`,
  ];
}
