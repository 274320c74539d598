import type { IamCommandRequest, IamDirectory } from '../../authorization';

/** A directory that knows no principal and no entity. */
const NO_ONE: IamDirectory = Object.freeze({
  policiesOf: () => undefined,
  lookup: () => undefined,
  accessKeyOwner: () => undefined,
});

const ALLOWANCE = 'organizations:CreateAccount *';
const USER = /^arn:aws:iam::(\d{12}):user\//;
const SESSION = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\//;

/**
 * CreateAccount is `organizations:CreateAccount` on `*` in the management account: its root may;
 * its users and role sessions may when their identity policies allow it. The command goes to the
 * new account's partition, whose owner does not hold the management account's policies, so the
 * HTTP edge asks the management account's writer first and states its yes in the caller context
 * (`preAuthorized`, under the edge's service signature). Here that yes stands for the caller's
 * identity policies; without it a non-root caller has none (an implicit deny, AWS's message).
 */
export function createAccountAuthorization(
  request: IamCommandRequest,
  managementAccountId: string,
): { request: IamCommandRequest; directory: IamDirectory } {
  const asked = { ...request, accountId: managementAccountId };
  const session = SESSION.exec(request.actor);
  const account = session?.[1] ?? USER.exec(request.actor)?.[1];
  if (account !== managementAccountId || !request.caller?.preAuthorized?.includes(ALLOWANCE)) {
    return { request: asked, directory: NO_ONE };
  }
  // The caller (a user, or the role behind a session), with the one allowance vouched for.
  const arn = session ? `arn:aws:iam::${managementAccountId}:role/${session[2]}` : request.actor;
  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'organizations:CreateAccount', Resource: '*' }],
  });
  const vouched: IamDirectory = {
    policiesOf: (p) =>
      p === arn
        ? {
            identity: [
              {
                id: `identity policies of ${request.actor} (checked by the management account)`,
                document,
              },
            ],
            tags: {},
          }
        : undefined,
    lookup: (type, name) =>
      type === 'role' && session && session[2] === name ? { arn, tags: {} } : undefined,
    accessKeyOwner: () => undefined,
  };
  return { request: asked, directory: vouched };
}
