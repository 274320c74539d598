/**
 * AWS IAM parameter rules (IAM API Reference, "Data Types" and each action's parameters), shared
 * by the request DTOs. They check syntax only; the Account aggregate checks everything again and
 * decides what depends on state (existence, quotas, conflicts).
 */

/** User, group, role and policy names: `[\w+=,.@-]+`. */
export const IAM_NAME_PATTERN = /^[\w+=,.@-]+$/;
/** `/` or `/…/` of printable ASCII. */
export const IAM_PATH_PATTERN = /^\/$|^\/[\u0021-\u007E]+\/$/;
export const IAM_NAME_MESSAGE = '$property must match [\\w+=,.@-]+';
export const IAM_PATH_MESSAGE = '$property must be "/" or begin and end with "/"';

/** Longest names AWS accepts, per entity type. */
export const IAM_NAME_MAX = { user: 64, group: 128, role: 64, policy: 128 } as const;
export const IAM_PATH_MAX = 512;
/** Policy documents on the wire (their content and quota are libs/policy's and the domain's). */
export const POLICY_DOCUMENT_MAX = 131072;
/** ARN parameters (`PolicyArn`, `PermissionsBoundary`): AWS's `arnType`. */
export const ARN_LENGTH = { min: 20, max: 2048 } as const;

/** Tag keys and values (`tagKeyType`, `tagValueType`). */
export const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
export const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAG_KEY_MESSAGE = '$property must match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
export const TAG_VALUE_MESSAGE = '$property must match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';

/** `v1`, `v2`, … (`policyVersionIdType`). */
export const VERSION_ID_PATTERN = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;
export const VERSION_ID_MESSAGE = '$property must match v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?';

/** A role's description: tab, LF, CR and Latin-1 printable characters, up to 1,000. */
// eslint-disable-next-line no-control-regex -- tab, LF and CR are allowed in role descriptions
export const ROLE_DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
export const ROLE_DESCRIPTION_MESSAGE =
  '$property must match [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*';
export const DESCRIPTION_MAX = 1000;

/** A role's maximum session duration, seconds. */
export const MAX_SESSION_DURATION = { min: 3600, max: 43200 } as const;

/** An account name: 1–50 printable ASCII characters. */
export const ACCOUNT_NAME_PATTERN = /^[\u0020-\u007E]+$/;
export const ACCOUNT_NAME_MESSAGE = '$property must match [\\u0020-\\u007E]+';
export const ACCOUNT_NAME_MAX = 50;
