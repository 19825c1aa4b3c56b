/** The error codes @wesley/drift throws (docs/errors.md has a section for each). */
export const DRIFT_ERROR_CODES = {
  detected: 'WESLEY_DRIFT_DETECTED',
  staleSchema: 'WESLEY_DRIFT_STALE_SCHEMA',
  unsupportedVersion: 'WESLEY_DRIFT_UNSUPPORTED_VERSION',
} as const;
export type DriftErrorCode = (typeof DRIFT_ERROR_CODES)[keyof typeof DRIFT_ERROR_CODES];
