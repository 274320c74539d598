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
  | 'AccessDenied';

export class IamError extends Error {
  constructor(
    readonly code: IamErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const entityAlreadyExists = (what: string, name: string): IamError =>
  new IamError('EntityAlreadyExists', `${what} with name ${name} already exists.`);

export const noSuchEntity = (what: string, name: string): IamError =>
  new IamError('NoSuchEntity', `The ${what.toLowerCase()} with name ${name} cannot be found.`);
