/**
 * Domain errors carry the AWS error code callers already know, and a message a person can act on.
 * Transports map `code` to their own status (HTTP 400/404/409, Kafka error reply).
 */
export type IamErrorCode =
  | 'EntityAlreadyExists'
  | 'NoSuchEntity'
  | 'DeleteConflict'
  | 'LimitExceeded'
  | 'ValidationError'
  | 'InvalidInput'
  | 'MalformedPolicyDocument'
  | 'UnmodifiableEntity'
  | 'AccessDenied'
  | 'PasswordPolicyViolation'
  | 'InvalidAuthenticationCode'
  | 'InvalidUserType';

export class IamError extends Error {
  constructor(
    readonly code: IamErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** `User with name alice already exists.` (Group, Role alike; policies have their own wording.) */
export const entityAlreadyExists = (what: string, name: string): IamError =>
  new IamError('EntityAlreadyExists', `${what} with name ${name} already exists.`);

/** `The user with name bob cannot be found.` */
export const noSuchEntity = (what: string, name: string): IamError =>
  new IamError('NoSuchEntity', `The ${what.toLowerCase()} with name ${name} cannot be found.`);

export const policyAlreadyExists = (name: string): IamError =>
  new IamError(
    'EntityAlreadyExists',
    `A policy called ${name} already exists. Duplicate names are not allowed.`,
  );

/** What Attach*Policy and Put*PermissionsBoundary answer for a policy they cannot use. */
export const policyNotAttachable = (arn: string): IamError =>
  new IamError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);

/** What GetPolicy, DeletePolicy, Detach*Policy and the version APIs answer. */
export const policyNotFound = (arn: string): IamError =>
  new IamError('NoSuchEntity', `Policy ${arn} was not found.`);

export const policyVersionNotFound = (arn: string, versionId: string): IamError =>
  new IamError(
    'NoSuchEntity',
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  );

/** `The user policy with name p cannot be found.` */
export const noSuchInlinePolicy = (entity: string, policyName: string): IamError =>
  new IamError(
    'NoSuchEntity',
    `The ${entity.toLowerCase()} policy with name ${policyName} cannot be found.`,
  );

export const deleteConflict = (message: string): IamError =>
  new IamError('DeleteConflict', message);

export const limitExceeded = (message: string): IamError => new IamError('LimitExceeded', message);

export const invalidInput = (message: string): IamError => new IamError('InvalidInput', message);

export const unmodifiableAwsPolicy = (arn: string): IamError =>
  new IamError(
    'UnmodifiableEntity',
    `Policy ${arn} is an AWS managed policy and cannot be modified.`,
  );
