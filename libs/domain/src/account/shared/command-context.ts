import type { IamEventPayloads, IamEventType } from '@portcullis/contracts';
import type { AccountLimits } from '../account.limits';
import type { AccountState } from '../account.state';
import type { AwsManagedPolicyCatalog } from '../aws-managed-policies';

/** An event the aggregate raised or replays: the domain part of the log envelope. */
export interface AccountEvent<T extends IamEventType = IamEventType> {
  type: T;
  sequence: number;
  payload: IamEventPayloads[T];
}

/**
 * What a command sees: the state (to read, never to change), the limits, the AWS managed
 * policies, and `raise`, which applies the event at once. A command checks everything first and
 * raises last, so a rejected command raises nothing.
 */
export interface CommandContext {
  readonly state: AccountState;
  readonly limits: AccountLimits;
  readonly awsManagedPolicies: AwsManagedPolicyCatalog;
  raise<T extends IamEventType>(type: T, payload: IamEventPayloads[T]): AccountEvent<T>;
}
