import type { CommandError } from '@portcullis/contracts';

const STATUS: Record<string, number> = {
  ValidationError: 400,
  InvalidInput: 400,
  InvalidAction: 400,
  MalformedPolicyDocument: 400,
  UnmodifiableEntity: 400,
  PasswordPolicyViolation: 400,
  InvalidUserType: 400,
  AccessDenied: 403,
  InvalidAuthenticationCode: 403,
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  DeleteConflict: 409,
  LimitExceeded: 409,
  ConcurrentModification: 409,
  ServiceUnavailable: 503,
};

/** HTTP status for an AWS error code, as AWS's IAM API answers it. */
export const httpStatusFor = (code: string): number => STATUS[code] ?? 500;

const ACCOUNT = /^\d{12}$/;
const PRINCIPAL = /^arn:aws:(?:iam|sts)::\d{12}:\S+$/;

/**
 * The account and caller of a request, from the trusted headers used until authentication
 * lands. The actor may belong to another account (IAM decides what it may do here).
 */
export function resolveCaller(
  account: string | undefined,
  actor: string | undefined,
): { accountId: string; actor: string } | { error: CommandError } {
  if (!account || !ACCOUNT.test(account)) {
    return {
      error: {
        Code: 'ValidationError',
        Message: 'x-portcullis-account must be a 12-digit account id.',
      },
    };
  }
  if (actor !== undefined && !PRINCIPAL.test(actor)) {
    return {
      error: { Code: 'ValidationError', Message: 'x-portcullis-actor must be a principal ARN.' },
    };
  }
  return { accountId: account, actor: actor ?? `arn:aws:iam::${account}:root` };
}
