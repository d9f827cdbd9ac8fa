// closestMatch, the "did you mean …?" of scenario issues: equal words but for case, dashes,
// underscores, spaces and dots match outright; then a key written without its unit (`startup`
// for `startupMs`); otherwise the allowed number of edits grows with the word (none for one
// letter, 1 up to 7 letters, 2 up to 11, then one in six plus one; two neighbours swapped
// are one edit), and the closest candidate
// wins, the first one on a tie. Failing those, an abbreviation: each word of it (split at
// dashes, underscores, spaces, dots and capitals) begins a word of exactly one candidate, in
// order (`dup-handle-failure`, `hang`); a word of one or two letters must be a whole word.
import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/core/closest-match.js';

describe('closestMatch', () => {
  it.each([
    ['gave-up', ['gaveUp'], 'gaveUp'],
    ['GAVE_UP', ['gaveUp'], 'gaveUp'],
    ['gave up.', ['gaveUp'], 'gaveUp'],
    ['X', ['x'], 'x'],
  ])('matches %s to %j ignoring case and separators', (word, candidates, match) => {
    expect(closestMatch(word, candidates)).toBe(match);
  });

  it.each([
    // One letter: no edit allowed.
    ['x', ['y'], undefined],
    // Two to seven letters: one edit (insertion, deletion, substitution, a swap), not two.
    ['nme', ['name'], 'name'],
    ['namee', ['name'], 'name'],
    ['nane', ['name'], 'name'],
    ['nm', ['name'], undefined],
    // Two letters swapped, the commonest slip, is one edit (user report: `--levle`).
    ['nmae', ['name'], 'name'],
    ['levle', ['level'], 'level'],
    ['nxye', ['name'], undefined],
    ['abcdexy', ['abcdefg'], undefined],
    // Eight to eleven letters: two edits, not three.
    ['abcdefxy', ['abcdefgh'], 'abcdefgh'],
    ['abcdefghxyz', ['abcdefghijk'], undefined],
    ['baseAdres', ['baseAddress'], 'baseAddress'],
    // Twelve letters and more: one in six plus one (3 for 12, 4 for 18).
    ['abcdefghixyz', ['abcdefghijkl'], 'abcdefghijkl'],
    ['abcdefghwxyz', ['abcdefghijkl'], undefined],
    ['abcdefghijklmnwxyz', ['abcdefghijklmnopqr'], 'abcdefghijklmnopqr'],
    ['abcdefghijklmvwxyz', ['abcdefghijklmnopqr'], undefined],
    // Much shorter or longer words are not compared letter by letter.
    ['ab', ['abcdefghijkl'], undefined],
  ])('matches %s among %j to %s', (word, candidates, match) => {
    expect(closestMatch(word, candidates)).toBe(match);
  });

  it.each([
    ['startup', ['startMode', 'startupMs'], 'startupMs'],
    ['at', ['atMs', 'pool'], 'atMs'],
    ['delay', ['delayMs', 'maxAttempts', 'retryOn'], 'delayMs'],
    ['Open', ['openMs'], 'openMs'],
  ])('matches %s among %j to %s, the key with its unit', (word, candidates, match) => {
    expect(closestMatch(word, candidates)).toBe(match);
  });

  const faultKinds = [
    'preamble-timeout',
    'bad-preamble',
    'no-route',
    'duplicate-handle-failure',
    'worker-callback-failure',
    'worker-hang',
    'service-activation-failure',
    'queue-paused',
    'worker-start-failure',
    'open-listener-channel-failure',
    'registration-failure',
    'worker-crash',
    'service-pause',
    'service-stop',
    'app-pool-stop',
    'app-pool-recycle',
    'protocol-disabled',
    'was-disconnect',
  ];

  it.each([
    ['dup-handle-failure', 'duplicate-handle-failure'],
    ['dup-handle', 'duplicate-handle-failure'],
    ['callback-failure', 'worker-callback-failure'],
    ['worker-callback', 'worker-callback-failure'],
    ['hang', 'worker-hang'],
    ['open-channel', 'open-listener-channel-failure'],
    ['Recycle', 'app-pool-recycle'],
  ])('matches the abbreviation %s to the one fault kind it stands for, %s', (word, match) => {
    expect(closestMatch(word, faultKinds)).toBe(match);
  });

  it.each([
    // Words that abbreviate no kind.
    'banana',
    'gremlins',
    'handle-dup',
    // Words that abbreviate several kinds: none stands out.
    'worker',
    'failure',
    'stop',
    'pause',
    'worker-fail',
    // Words too short to stand for the start of a word.
    'w-h',
    'du',
  ])('suggests no fault kind for %s', (word) => {
    expect(closestMatch(word, faultKinds)).toBeUndefined();
  });

  it.each([
    ['SessionFailed', ['DispatchSessionStart', 'DispatchSessionFailed'], 'DispatchSessionFailed'],
    ['prob', ['id', 'target', 'probability', 'count'], 'probability'],
    ['nth', ['nthSession', 'fromMs', 'toMs'], 'nthSession'],
  ])(
    'matches the abbreviation %s among %j, split at capitals, to %s',
    (word, candidates, match) => {
      expect(closestMatch(word, candidates)).toBe(match);
    },
  );

  it.each([
    ['delayMs', ['baseMs', 'factor', 'maxDelayMs', 'maxAttempts', 'jitter', 'retryOn']],
    ['session', ['nthSession', 'fromMs', 'toMs']],
    ['processes', ['name', 'maxProcesses', 'startupMs']],
  ])('takes %s without a qualifier (max, min, nth) for another name, not a slip', (word, list) => {
    expect(closestMatch(word, list)).toBeUndefined();
  });

  it('prefers a misspelling to an abbreviation', () => {
    expect(closestMatch('worker-hung', ['worker-hang', 'worker-hung-up'])).toBe('worker-hang');
  });

  it('prefers the same word to the word with its unit', () => {
    expect(closestMatch('Delay', ['delayMs', 'delay'])).toBe('delay');
  });

  it('prefers the closest candidate, then the first of equally close ones', () => {
    expect(closestMatch('namee', ['nam', 'name'])).toBe('name');
    expect(closestMatch('named', ['names', 'namer'])).toBe('names');
    expect(closestMatch('GaveUp', ['gaveup', 'gave-up'])).toBe('gaveup');
  });

  it('suggests nothing for the word itself, an empty word or no candidates', () => {
    expect(closestMatch('name', ['name'])).toBeUndefined();
    expect(closestMatch('--', ['a', ''])).toBeUndefined();
    expect(closestMatch('name', [])).toBeUndefined();
  });
});
