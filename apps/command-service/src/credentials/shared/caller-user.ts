import { IamError, parsePrincipalArn } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';

/** The name of the caller when it is an IAM user of the account it acts in. */
export function callerUserName(caller: CommandCaller): string | undefined {
  const parsed = parsePrincipalArn(caller.actor);
  return parsed?.type === 'user' && parsed.account === caller.accountId ? parsed.name : undefined;
}

/** Whether the caller is the root user of the account it acts in (not another account's root). */
export function isAccountRoot(caller: CommandCaller): boolean {
  return caller.actor === `arn:aws:iam::${caller.accountId}:root`;
}

/**
 * The user a credential action is about: `UserName` when given, else the calling IAM user (AWS:
 * "IAM determines the user name implicitly based on the credentials used to sign the request").
 * A root, role or another account's caller must name the user, with AWS's message. (The access
 * key actions route the root to its own keys first: see accessKeyTarget.)
 */
export function targetUserName(userName: string | undefined, caller: CommandCaller): string {
  if (userName !== undefined) return userName;
  const own = callerUserName(caller);
  if (own === undefined) {
    throw new IamError(
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
    );
  }
  return own;
}

/** Whose access keys an access key action is about: a user's, or the account root's. */
export type AccessKeyTarget =
  { readonly kind: 'user'; readonly userName: string } | { readonly kind: 'root' };

/**
 * The target of CreateAccessKey, UpdateAccessKey, DeleteAccessKey and ListAccessKeys: as
 * targetUserName, except that the account's own root leaving `UserName` out acts on the root's
 * keys (AWS: "this operation works for access keys under the AWS account"). A role, a session or
 * another account's caller must still name the user.
 */
export function accessKeyTarget(
  userName: string | undefined,
  caller: CommandCaller,
): AccessKeyTarget {
  if (userName === undefined && isAccountRoot(caller)) return { kind: 'root' };
  return { kind: 'user', userName: targetUserName(userName, caller) };
}
