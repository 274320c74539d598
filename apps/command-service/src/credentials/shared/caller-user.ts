import { IamError, parsePrincipalArn } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';

/** The name of the caller when it is an IAM user of the account it acts in. */
export function callerUserName(caller: CommandCaller): string | undefined {
  const parsed = parsePrincipalArn(caller.actor);
  return parsed?.type === 'user' && parsed.account === caller.accountId ? parsed.name : undefined;
}

/**
 * The user a credential action is about: `UserName` when given, else the calling IAM user (AWS:
 * "IAM determines the user name implicitly based on the credentials used to sign the request").
 * A root, role or another account's caller must name the user, with AWS's message. (The root's
 * own access keys come with the bootstrap step of issue 6.)
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
