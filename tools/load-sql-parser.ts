// vitest setup file: loads PostgreSQL's parser (WebAssembly) once per test file, as a program
// does before it hashes or compares an IR it did not compile itself (see loadSqlParser).
import { loadSqlParser } from '@wesley/ir';

await loadSqlParser();
