import type { AuthenticatedCaller } from '../authentication/authenticated-caller';

/** STS GetCallerIdentity: who the signature says the caller is. Needs no permission (as in AWS). */
export function getCallerIdentity(caller: AuthenticatedCaller): {
  GetCallerIdentityResult: { UserId: string; Account: string; Arn: string };
} {
  return {
    GetCallerIdentityResult: {
      UserId: caller.userId ?? caller.accountId,
      Account: caller.accountId,
      Arn: caller.actor,
    },
  };
}
