/** The planner's error codes; each has a section in docs/errors.md. */
export const PLANNER_ERROR_CODES = {
  unsupportedVersion: 'WESLEY_PLAN_UNSUPPORTED_VERSION',
  serverTooOld: 'WESLEY_PLAN_SERVER_TOO_OLD',
  invalidFacts: 'WESLEY_PLAN_INVALID_FACTS',
} as const;
export type PlannerErrorCode = (typeof PLANNER_ERROR_CODES)[keyof typeof PLANNER_ERROR_CODES];

/** Codes of refusals: changes a plan leaves out, with the reason (data in the plan, not throws). */
export const REFUSAL_CODES = {
  destructive: 'WESLEY_PLAN_DESTRUCTIVE',
  rewrite: 'WESLEY_PLAN_REWRITE',
  requiredWithoutDefault: 'WESLEY_PLAN_REQUIRED_WITHOUT_DEFAULT',
  enumValueRemoved: 'WESLEY_PLAN_ENUM_VALUE_REMOVED',
  unsupportedChange: 'WESLEY_PLAN_UNSUPPORTED_CHANGE',
  securityWeakened: 'WESLEY_PLAN_SECURITY_WEAKENED',
  dependsOnRefused: 'WESLEY_PLAN_DEPENDS_ON_REFUSED',
} as const;
export type RefusalCode = (typeof REFUSAL_CODES)[keyof typeof REFUSAL_CODES];
