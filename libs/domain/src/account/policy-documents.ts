import { policySize, validatePolicy, type PolicyError } from '@portcullis/policy';
import { IamError } from './account.errors';

/**
 * Policy documents go through libs/policy's validation with the kind and quota IAM applies:
 * identity policies (inline, and every managed policy version, which may also serve as a
 * permissions boundary) and trust policies (a role's AssumeRolePolicyDocument).
 */

/** IAM's own wording first; where it is terse ("Syntax errors in policy."), say where and why. */
function describe(error: PolicyError, message = error.message): string {
  const where = [error.path && `at ${error.path}`, error.detail].filter(Boolean).join(': ');
  return where ? `${message} (${where})` : message;
}

function check(
  document: string,
  kind: 'identity' | 'trust',
  sizeLimit: number,
  limitMessage: string,
): void {
  const [first] = validatePolicy(document, { kind, sizeLimit }).errors;
  if (!first) return;
  if (first.code === 'LimitExceeded') {
    throw new IamError('LimitExceeded', describe(first, limitMessage));
  }
  throw new IamError('MalformedPolicyDocument', describe(first));
}

/** A managed policy version (CreatePolicy, CreatePolicyVersion): AWS quota `PolicySize`. */
export function checkManagedPolicyDocument(document: string, limit: number): void {
  check(document, 'identity', limit, `Cannot exceed quota for PolicySize: ${limit}`);
}

/** A role's trust policy (CreateRole, UpdateAssumeRolePolicy): AWS quota `ACLSizePerRole`. */
export function checkTrustPolicyDocument(document: string, limit: number): void {
  check(document, 'trust', limit, `Cannot exceed quota for ACLSizePerRole: ${limit}`);
}

/**
 * An inline policy (Put{User,Group,Role}Policy). The quota is per entity, over all its inline
 * policies together: `others` are the documents it keeps (the one being replaced left out).
 */
export function checkInlinePolicyDocument(
  document: string,
  entity: { type: 'user' | 'group' | 'role'; name: string },
  others: Iterable<string>,
  limit: number,
): void {
  const message = `Maximum policy size of ${limit} bytes exceeded for ${entity.type} ${entity.name}`;
  check(document, 'identity', limit, message);
  let total = policySize(document);
  for (const other of others) total += policySize(other);
  if (total > limit) {
    throw new IamError(
      'LimitExceeded',
      `${message} (the ${entity.type}'s inline policies would have ${total} characters, white space not counted; the quota is ${limit}.)`,
    );
  }
}
