// @wesley/drift: public API. Introspects a live database into the Wesley IR and reports drift.
export { introspect } from './introspect.js';
export type { IntrospectOptions, Introspection, DatabaseState, ObjectRef } from './introspect.js';
export { diffSchemas, DRIFT_OBJECT_TYPES } from './diff-schemas.js';
export type { DiffOptions, DriftDifference, DriftObjectType, SchemaDiff } from './diff-schemas.js';
export type { DatabaseClient } from './session.js';
export { reconcileLiterals } from './reconcile-literals.js';
export { checkDrift, assertNoDrift, summarizeDifferences, DRIFT_REPORT_FORMAT_VERSION } from './check-drift.js';
export type { CheckDriftOptions, AssertNoDriftOptions, DriftFix, DriftReport } from './check-drift.js';
export { alignWithSchema } from './align-with-schema.js';
export { DRIFT_ERROR_CODES } from './errors.js';
export type { DriftErrorCode } from './errors.js';
