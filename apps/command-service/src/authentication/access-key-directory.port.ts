import type { AccessKeyStatus } from '@portcullis/contracts';

/** What authentication needs to know about a long-term access key (`AKIA…`). */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** The owner: a user's ARN (path included) or `arn:aws:iam::<acct>:root`. */
  readonly principalArn: string;
  /** What the secret's sealing is bound to: the user's id, or the account id for a root key. */
  readonly userId: string;
  readonly status: AccessKeyStatus;
  readonly sealedSecretAccessKey: string;
}

/**
 * Where the HTTP edge (and the check of signed Kafka commands) finds access keys by id, across
 * accounts. The adapter is the access-key read model: it lags the log by the projection's delay,
 * as AWS's own key propagation does; a key not found yet is looked for again for a short while.
 */
export abstract class AccessKeyDirectory {
  abstract find(accessKeyId: string): Promise<AccessKeyRecord | null>;
}
