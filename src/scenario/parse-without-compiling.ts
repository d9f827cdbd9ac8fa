// zod parse options for schemas parsed once or a few times per run (issue 12, start-up).
// zod's default compiles a parser (new Function) for each object schema on its first parse,
// which costs more than it saves when a process parses its scenario, options and flags once:
// 3-7 ms of a one-session run. zod's per-parse `jitless` skips the compiling, and leaves a
// library user's global zod configuration alone.

/** Parse options that make zod compile no parser: `schema.safeParse(value, WITHOUT_COMPILING)`. */
export const WITHOUT_COMPILING = Object.freeze({ jitless: true });
