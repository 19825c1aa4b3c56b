/** One `-- title` block of the generated script; statements carry no trailing semicolon. */
export interface SqlSection {
  readonly title: string;
  readonly statements: readonly string[];
}
