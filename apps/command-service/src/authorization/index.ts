export {
  authorizeIamCommand,
  callerRequestContext,
  type AccessDeniedError,
  type AuthorizeIamOptions,
  type IamAuthorization,
  type IamCommandRequest,
} from './authorize-iam-request';
export { accessDeniedMessage, type DenialReason } from './access-denied-message';
export { CompiledPolicyCache } from './compiled-policy-cache';
export {
  IAM_ACTION_MAP,
  iamActionFor,
  IamRequestShapeError,
  resolveIamRequest,
  type ContextRule,
  type IamActionSpec,
  type IamInput,
  type ResolvedIamRequest,
  type ResourceRule,
} from './iam-action-map';
export type {
  IamDirectory,
  IamEntityType,
  IamPolicyText,
  IamPrincipalPolicies,
  IamTarget,
  IamTargetLookup,
} from './iam-directory.port';
