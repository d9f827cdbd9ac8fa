// The keys a scenario schema allows at a field path, for the "did you mean …?" of an unknown
// key (issue 15). It walks zod's schema definitions (objects, arrays, unions, wrappers, pipes)
// along the path; in a union it keeps the forms whose literal fields (a fault's `kind`) agree
// with the value written. Results are cached by path shape, so 16,000 unknown keys in one
// mapping cost one walk: validation stays linear.

import type { z } from 'zod';

type Def = {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly innerType?: z.core.$ZodType;
  readonly in?: z.core.$ZodType;
  readonly values?: readonly unknown[];
  readonly getter?: () => z.core.$ZodType;
};

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def;

// Past optional, default, prefault, nullable, readonly, catch, pipe (its input) and lazy.
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let depth = 0; depth < 32; depth++) {
    const def = defOf(current);
    const next =
      def.innerType ?? (def.type === 'pipe' ? def.in : undefined) ?? def.getter?.() ?? undefined;
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Whether an object form's literal fields agree with the value (a fault rule's `kind`).
function agrees(form: z.core.$ZodType, value: unknown): boolean {
  const def = defOf(form);
  if (def.type !== 'object' || def.shape === undefined || !isRecord(value)) return true;
  for (const [key, field] of Object.entries(def.shape)) {
    const fieldDef = defOf(unwrap(field));
    if (fieldDef.type === 'literal' && key in value && !fieldDef.values?.includes(value[key])) {
      return false;
    }
  }
  return true;
}

function collect(
  schema: z.core.$ZodType,
  path: readonly PropertyKey[],
  value: unknown,
  into: Set<string>,
): void {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'union') {
    const options = def.options ?? [];
    const agreeing = options.filter((option) => agrees(unwrap(option), value));
    for (const option of agreeing.length > 0 ? agreeing : options) {
      collect(option, path, value, into);
    }
    return;
  }
  const [key, ...rest] = path;
  if (key === undefined) {
    if (def.type === 'object') for (const name of Object.keys(def.shape ?? {})) into.add(name);
    return;
  }
  const child = isRecord(value) || Array.isArray(value) ? (value as never)[key] : undefined;
  if (def.type === 'object') {
    const field = def.shape?.[String(key)];
    if (field !== undefined) collect(field, rest, child, into);
  } else if (def.type === 'array' && def.element !== undefined) {
    collect(def.element, rest, child, into);
  }
}

const cache = new WeakMap<object, Map<string, readonly string[]>>();

/**
 * @param schema - a zod schema
 * @param path - the path of a mapping inside a value of that schema
 * @param root - the whole value (its fields along the path tell union forms apart)
 * @returns the keys the schema allows in that mapping
 */
export function allowedKeys(
  schema: z.core.$ZodType,
  path: readonly PropertyKey[],
  root: unknown,
): readonly string[] {
  let bySchema = cache.get(schema);
  if (bySchema === undefined) {
    bySchema = new Map();
    cache.set(schema, bySchema);
  }
  // The path's shape (indices dropped) and the `kind` written at each level, if any, decide
  // which union forms apply, and so the keys.
  let value: unknown = root;
  let cacheKey = '';
  for (const key of [undefined, ...path]) {
    if (key !== undefined) {
      value = isRecord(value) || Array.isArray(value) ? (value as never)[key] : undefined;
      cacheKey += typeof key === 'number' ? '[]' : `.${String(key)}`;
    }
    if (isRecord(value) && typeof value['kind'] === 'string') cacheKey += `#${value['kind']}`;
  }
  let keys = bySchema.get(cacheKey);
  if (keys === undefined) {
    const found = new Set<string>();
    collect(schema, path, root, found);
    keys = [...found];
    bySchema.set(cacheKey, keys);
  }
  return keys;
}
