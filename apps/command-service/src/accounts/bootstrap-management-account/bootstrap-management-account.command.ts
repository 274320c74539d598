import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import { accessKeySecretBinding } from '../../credentials/credential-secrets.port';
import {
  sealedReplySecret,
  type SealedReplySecret,
} from '../../credentials/shared/sealed-reply-secret';
import type { BootstrapManagementAccountRequestDto } from './bootstrap-management-account.request.dto';

export interface BootstrapManagementAccountResult {
  AccountId: string;
  /** Whether this command created the account (the first start). */
  AccountCreated: boolean;
  /** A root key this command created, its secret sealed (shown once by the bootstrapper). */
  AccessKey?: { AccessKeyId: string; SecretAccessKey: SealedReplySecret };
}

/**
 * The management account's bootstrap, at every start of a command service: creates the account
 * the first time; makes the operator's key (IAM_BOOTSTRAP_ACCESS_KEY_ID / _SECRET_ACCESS_KEY) an
 * active root key; without one, generates a root key when it creates the account. Idempotent by
 * content: a start that finds everything in place raises nothing.
 */
export class BootstrapManagementAccountCommand extends Command<BootstrapManagementAccountResult> {
  constructor(
    readonly accountId: string,
    readonly accountName: string,
    readonly operatorKey?: { accessKeyId: string; secretAccessKey: string },
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: BootstrapManagementAccountRequestDto,
  ): BootstrapManagementAccountCommand {
    return new BootstrapManagementAccountCommand(
      accountId,
      dto.AccountName,
      dto.AccessKeyId !== undefined && dto.SecretAccessKey !== undefined
        ? { accessKeyId: dto.AccessKeyId, secretAccessKey: dto.SecretAccessKey }
        : undefined,
    );
  }

  /** From its events (each names the account), or, when it raised none, for `accountId`. */
  static resultFrom(
    events: readonly AccountEvent[],
    accountId = (events[0]?.payload as { accountId?: string } | undefined)?.accountId ?? '',
  ): BootstrapManagementAccountResult {
    const created = events.some((e) => e.type === IamEventType.AccountCreated);
    const key = events.find((e) => e.type === IamEventType.RootAccessKeyCreated) as
      AccountEvent<typeof IamEventType.RootAccessKeyCreated> | undefined;
    return {
      AccountId: accountId,
      AccountCreated: created,
      ...(key
        ? {
            AccessKey: {
              AccessKeyId: key.payload.accessKeyId,
              SecretAccessKey: sealedReplySecret(
                key.payload.sealedSecretAccessKey,
                accessKeySecretBinding(accountId, key.payload.accessKeyId),
              ),
            },
          }
        : {}),
    };
  }
}
