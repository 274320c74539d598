import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent, CreateAccountInput } from '@portcullis/domain';
import {
  accessKeySecretBinding,
  type CredentialSecrets,
} from '../../credentials/credential-secrets.port';
import {
  openReplySecret,
  sealedReplySecret,
  type SealedReplySecret,
} from '../../credentials/shared/sealed-reply-secret';
import { requiredEventOf } from '../../shared/iam-response';
import type { CreateAccountRequestDto } from './create-account.request.dto';

/**
 * The account as CreateAccount answers it; `Arn` is its root user's. `AccessKey` is the root's
 * first access key: its secret is in this reply only (sealed, as published and kept for retries;
 * opened by the HTTP edge for its caller).
 */
export interface CreateAccountResult<Secret = SealedReplySecret> {
  Account: { AccountId: string; AccountName: string; Arn: string; CreateDate: string };
  AccessKey: {
    AccessKeyId: string;
    SecretAccessKey: Secret;
    Status: 'Active' | 'Inactive';
    CreateDate: string;
  };
}

/**
 * CreateAccount: the account named by the command's account id (chosen before the command is
 * routed, see create-account.routing.ts), its root user, which may do everything in it, and the
 * root's first access key. Accepted only on an account with no history.
 */
export class CreateAccountCommand extends Command<CreateAccountResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreateAccountInput, 'now'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateAccountRequestDto): CreateAccountCommand {
    return new CreateAccountCommand(accountId, { accountName: dto.AccountName });
  }

  /** The reply, from its events (also for an idempotent retry). */
  static resultFrom(events: readonly AccountEvent[]): CreateAccountResult {
    const a = requiredEventOf(events, IamEventType.AccountCreated, 'CreateAccount').payload;
    const k = requiredEventOf(events, IamEventType.RootAccessKeyCreated, 'CreateAccount').payload;
    return {
      Account: {
        AccountId: a.accountId,
        AccountName: a.accountName,
        Arn: a.rootArn,
        CreateDate: a.createDate,
      },
      AccessKey: {
        AccessKeyId: k.accessKeyId,
        SecretAccessKey: sealedReplySecret(
          k.sealedSecretAccessKey,
          accessKeySecretBinding(k.accountId, k.accessKeyId),
        ),
        Status: k.status,
        CreateDate: k.createDate,
      },
    };
  }

  /** The HTTP caller's reply: the one time the root's secret is seen in clear. */
  static revealSecrets(
    output: CreateAccountResult,
    secrets: CredentialSecrets,
  ): CreateAccountResult<string> {
    return {
      ...output,
      AccessKey: {
        ...output.AccessKey,
        SecretAccessKey: openReplySecret(output.AccessKey.SecretAccessKey, secrets),
      },
    };
  }
}
