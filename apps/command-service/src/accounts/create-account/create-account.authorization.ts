import type { IamCommandRequest, IamDirectory } from '../../authorization';

/** A directory that knows no principal and no entity. */
const NO_ONE: IamDirectory = Object.freeze({
  policiesOf: () => undefined,
  lookup: () => undefined,
  accessKeyOwner: () => undefined,
});

/**
 * CreateAccount is `organizations:CreateAccount` on `*` in the management account: its root may,
 * any other caller is denied with AWS's message. The command goes to the new account's
 * partition, whose owner does not hold the management account's policies, so IAM users and roles
 * of the management account are judged with no policies here (an implicit deny) until the edge
 * can ask the management account's owner first.
 */
export function createAccountAuthorization(
  request: IamCommandRequest,
  managementAccountId: string,
): { request: IamCommandRequest; directory: IamDirectory } {
  return { request: { ...request, accountId: managementAccountId }, directory: NO_ONE };
}
