// TextStyle: the colours a text report may use, injected so that reports stay pure and tests
// read plain text. The CLI passes picocolors' `createColors(enabled)`, which has this shape.

/** Wraps text in a style; the identity when colour is off. */
export type StyleFn = (text: string) => string;

/** The styles the text reports use: a subset of picocolors' `Colors`. */
export interface TextStyle {
  readonly bold: StyleFn;
  readonly dim: StyleFn;
  readonly red: StyleFn;
  readonly green: StyleFn;
  readonly yellow: StyleFn;
  readonly cyan: StyleFn;
}

const identity: StyleFn = (text) => text;

/** No colour at all: what tests, files and pipes get. */
export const plainStyle: TextStyle = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};
