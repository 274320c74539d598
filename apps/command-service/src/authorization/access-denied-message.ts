import type { Gate } from '@portcullis/policy';

/**
 * AWS's access-denied sentence (IAM User Guide, "Troubleshoot access denied error messages"):
 *   User: <principal ARN> is not authorized to perform: <action> on resource: <ARN>
 *     because no <type> policy allows the <action> action        (implicit deny)
 *     with an explicit deny in a <type> policy                    (explicit deny)
 * where <type> is "identity-based policy", "resource-based policy", "permissions boundary",
 * "session policy" or "service control policy". Since the 2026 enhancement (AWS Security Blog,
 * "Enhanced access denied error messages with policy ARNs") an explicit deny in the same account
 * also names the denying policy's ARN after a colon; inline policies have no ARN, so none is added.
 */

const EXPLICIT: Record<Gate, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
};

const IMPLICIT: Record<Gate, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
};

export type DenialReason =
  | { readonly kind: 'implicit'; readonly gate: Gate }
  | { readonly kind: 'explicit'; readonly gate: Gate; readonly policyArn?: string };

export function accessDeniedMessage(
  actor: string,
  action: string,
  resource: string,
  reason: DenialReason,
): string {
  const head = `User: ${actor} is not authorized to perform: ${action} on resource: ${resource}`;
  if (reason.kind === 'implicit') {
    return `${head} because no ${IMPLICIT[reason.gate]} allows the ${action} action`;
  }
  const arn = reason.policyArn === undefined ? '' : `: ${reason.policyArn}`;
  return `${head} with an explicit deny in ${EXPLICIT[reason.gate]}${arn}`;
}

const MANAGED_POLICY_ARN = /^arn:aws:iam::(?:\d{12}|aws):policy\//;

/** The policy id as AWS would name it in a message: only managed policies have ARNs. */
export function policyArnOf(policyId: string): string | undefined {
  return MANAGED_POLICY_ARN.test(policyId) ? policyId : undefined;
}
