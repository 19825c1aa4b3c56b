// Compiler and generator bugs the arbitrary finds, until they are fixed. Property tests leave
// schemas that hit one out (`withoutKnownBugs`), so one open bug does not hide the next, and
// each bug has a test that expects it (`test.fails`) with the minimal schema fast-check shrank
// to: when that test starts passing, the bug is fixed; delete its entry here.
import type fc from 'fast-check';
import type { SchemaModel } from './schema-model.js';

export interface KnownBug {
  readonly id: string;
  /** What goes wrong. */
  readonly summary: string;
  /** Where it shows: the compile fails, or the SQL fails on PostgreSQL, or the IR is wrong. */
  readonly stage: 'compile' | 'apply' | 'ir';
  /** The smallest schema that shows it. */
  readonly sdl: string;
  /** True for a model that may hit it (over-approximating is fine: it only skips schemas). */
  readonly matches: (model: SchemaModel) => boolean;
}

// Empty while no bug is open. An entry: a stable id, what goes wrong, the stage it shows in, the
// minimal SDL fast-check shrank to, and a predicate over the model.
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** The known bugs a model may hit. */
export function knownBugsIn(model: SchemaModel): KnownBug[] {
  return KNOWN_BUGS.filter((bug) => bug.matches(model));
}

/** The arbitrary without schemas that hit a known bug. */
export function withoutKnownBugs<T extends { readonly model: SchemaModel }>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.filter((value) => knownBugsIn(value.model).length === 0);
}
