/** How the named objects of one table (indexes, constraints) pair up across two schemas. */
export interface ObjectMatch<T> {
  /** Same name, same definition. */
  readonly kept: readonly (readonly [T, T])[];
  /** Different names, same definition (a table or column rename changed the generated name). */
  readonly renamed: readonly (readonly [T, T])[];
  /** Same name, different definition: dropped and created again. */
  readonly replaced: readonly (readonly [T, T])[];
  readonly created: readonly T[];
  readonly dropped: readonly T[];
}

/**
 * Pairs objects by name, then pairs the leftovers whose definitions are equal (`same` compares
 * an old object, with old column names mapped to new ones, to a new object) as renames.
 */
export function matchObjects<T extends { readonly name: string }>(old: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean): ObjectMatch<T> {
  const kept: [T, T][] = [];
  const replaced: [T, T][] = [];
  const renamed: [T, T][] = [];
  const oldByName = new Map(old.map((o) => [o.name, o]));
  const unmatchedNew: T[] = [];
  for (const item of next) {
    const previous = oldByName.get(item.name);
    if (previous === undefined) {
      unmatchedNew.push(item);
      continue;
    }
    oldByName.delete(item.name);
    (same(previous, item) ? kept : replaced).push([previous, item]);
  }
  const created: T[] = [];
  for (const item of unmatchedNew) {
    const previous = [...oldByName.values()].find((o) => same(o, item));
    if (previous === undefined) created.push(item);
    else {
      oldByName.delete(previous.name);
      renamed.push([previous, item]);
    }
  }
  return { kept, renamed, replaced, created, dropped: [...oldByName.values()] };
}

/** Element-wise equality of two lists. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
