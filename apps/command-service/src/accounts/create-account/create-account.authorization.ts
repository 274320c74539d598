import type { IamCommandRequest, IamDirectory } from '../../authorization';

/** A directory that knows no principal and no entity. */
const NO_ONE: IamDirectory = Object.freeze({
  policiesOf: () => undefined,
  lookup: () => undefined,
  accessKeyOwner: () => undefined,
});

const ACTOR_ACCOUNT = /^arn:aws:(?:iam|sts)::(\d{12}):/;

/**
 * How CreateAccount is authorized until authentication and AWS Organizations land:
 * `organizations:CreateAccount` on `*` in the caller's own account (the authorization module's
 * rule), so the root of any account may create accounts (with no `x-portcullis-actor`, the
 * caller is the new account's own root). IAM users and roles are denied: their policies live in
 * their own account, which the owner of the new account's partition does not hold, so the
 * directory here knows no one and the decision is an implicit deny. Deciding it from their
 * policies needs the caller's account at hand (authentication will bring a verified caller).
 */
export function createAccountAuthorization(request: IamCommandRequest): {
  request: IamCommandRequest;
  directory: IamDirectory;
} {
  const callerAccount = ACTOR_ACCOUNT.exec(request.actor)?.[1] ?? request.accountId;
  return { request: { ...request, accountId: callerAccount }, directory: NO_ONE };
}
