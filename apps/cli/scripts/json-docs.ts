// Rewrites the generated part of docs/cli/json.md (formats, examples, JSON Schemas) from
// apps/cli/src/json-schemas.ts and json-examples.ts; a test fails when the page is stale.
import fs from 'node:fs';
import { withJsonDocs } from '../src/json-docs.js';
import { jsonExamples } from '../src/json-examples.js';

const file = new URL('../../../docs/cli/json.md', import.meta.url);
fs.writeFileSync(file, withJsonDocs(fs.readFileSync(file, 'utf8'), await jsonExamples()));
