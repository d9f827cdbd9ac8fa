// viaPattern: a fault target's `via`, as the fault injector matches it against a session's
// via: a prefix, case-insensitive, where `*` stands for any run of characters.

/**
 * @param pattern - a fault target's via pattern
 * @returns a regular expression that tests a via against it
 */
export function viaPattern(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}`, 'i');
}
