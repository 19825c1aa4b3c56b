import type { Diagnostic } from '@wesley/ir';

/** A compile warning or note for stderr: `file:line:column warning CODE: message` and a hint line. */
export const formatDiagnostic = (d: Diagnostic) =>
  `${d.location ? `${d.location.file}:${d.location.line}:${d.location.column} ` : ''}${d.severity} ${d.code}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
