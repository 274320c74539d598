import { IamEventType, type PasswordPolicyPayload } from '@portcullis/contracts';
import { IamError } from '../account.errors';
import type { CommandContext } from '../shared/command-context';
import { RequestValidation } from '../validation';

/** AWS's ranges for UpdateAccountPasswordPolicy's integer parameters. */
export const PASSWORD_POLICY_RANGES = {
  minimumPasswordLength: [6, 128],
  maxPasswordAge: [1, 1095],
  passwordReusePrevention: [1, 24],
} as const;

export interface UpdateAccountPasswordPolicyInput {
  /** The whole policy, AWS's defaults applied by the caller for absent parameters. */
  policy: PasswordPolicyPayload;
}

/** `The Password Policy with domain name 123456789012 cannot be found.` */
export const noSuchPasswordPolicy = (accountId: string): IamError =>
  new IamError(
    'NoSuchEntity',
    `The Password Policy with domain name ${accountId} cannot be found.`,
  );

/** UpdateAccountPasswordPolicy: replaces the policy; the same policy again raises nothing. */
export function updateAccountPasswordPolicy(
  ctx: CommandContext,
  input: UpdateAccountPasswordPolicyInput,
): void {
  const policy = input.policy;
  const v = new RequestValidation();
  for (const [field, [min, max]] of Object.entries(PASSWORD_POLICY_RANGES)) {
    const value = policy[field as keyof typeof PASSWORD_POLICY_RANGES];
    if (value === undefined) continue;
    if (!Number.isInteger(value)) v.violation(field, value, 'must be an integer');
    else if (value < min)
      v.violation(field, value, `must have value greater than or equal to ${min}`);
    else if (value > max) v.violation(field, value, `must have value less than or equal to ${max}`);
  }
  v.throwIfAny();
  const normalized = normalize(policy);
  const current = ctx.state.passwordPolicy;
  if (current && JSON.stringify(normalize(current)) === JSON.stringify(normalized)) return;
  ctx.raise(IamEventType.AccountPasswordPolicyUpdated, { policy: normalized });
}

/** DeleteAccountPasswordPolicy: back to AWS's default rules; NoSuchEntity when there is none. */
export function deleteAccountPasswordPolicy(ctx: CommandContext): void {
  if (!ctx.state.passwordPolicy) throw noSuchPasswordPolicy(ctx.state.accountId);
  ctx.raise(IamEventType.AccountPasswordPolicyDeleted, {});
}

/** Members in one order, optional ones only when set: comparable as JSON, stable in the log. */
function normalize(p: PasswordPolicyPayload): PasswordPolicyPayload {
  return {
    minimumPasswordLength: p.minimumPasswordLength,
    requireSymbols: p.requireSymbols,
    requireNumbers: p.requireNumbers,
    requireUppercaseCharacters: p.requireUppercaseCharacters,
    requireLowercaseCharacters: p.requireLowercaseCharacters,
    allowUsersToChangePassword: p.allowUsersToChangePassword,
    ...(p.maxPasswordAge !== undefined && { maxPasswordAge: p.maxPasswordAge }),
    ...(p.passwordReusePrevention !== undefined && {
      passwordReusePrevention: p.passwordReusePrevention,
    }),
    hardExpiry: p.hardExpiry,
  };
}
