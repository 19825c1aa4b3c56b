// Rewrites the generated table of docs/cli/exit-codes.md from apps/cli/src/exit-codes.ts.
import fs from 'node:fs';
import { EXIT_DOC_MARKERS, renderExitTable } from '../src/exit-codes-doc.js';

const file = new URL('../../../docs/cli/exit-codes.md', import.meta.url);
const text = fs.readFileSync(file, 'utf8');
const start = text.indexOf(EXIT_DOC_MARKERS.start);
const end = text.indexOf(EXIT_DOC_MARKERS.end);
if (start < 0 || end < 0) throw new Error(`docs/cli/exit-codes.md lacks the markers ${EXIT_DOC_MARKERS.start} ... ${EXIT_DOC_MARKERS.end}`);
fs.writeFileSync(file, `${text.slice(0, start)}${renderExitTable()}${text.slice(end + EXIT_DOC_MARKERS.end.length)}`);
