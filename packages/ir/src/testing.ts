// @wesley/ir/testing: builders of small IR values and an SQL parse check, for the tests of
// Wesley's own packages. Not part of the public API: it may change in any release.
export { testCheck, testColumn, testEnum, testForeignKey, testIndex, testLocation, testPolicy, testPrimaryKey, testSchema, testTable, testUnique } from './testing/test-ir.js';
export { richSchema } from './testing/test-rich-ir.js';
export { parseEachStatement } from './testing/test-parse.js';
