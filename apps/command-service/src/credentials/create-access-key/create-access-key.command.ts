import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { requiredEventOf } from '../../shared/iam-response';
import { accessKeySecretBinding, type CredentialSecrets } from '../credential-secrets.port';
import { targetUserName } from '../shared/caller-user';
import {
  openReplySecret,
  sealedReplySecret,
  type SealedReplySecret,
} from '../shared/sealed-reply-secret';
import type { CreateAccessKeyRequestDto } from './create-access-key.request.dto';

/** AWS's `AccessKey`, the secret sealed (as stored and published) or opened (HTTP caller). */
export interface CreateAccessKeyResult<Secret = SealedReplySecret> {
  AccessKey: {
    UserName: string;
    AccessKeyId: string;
    Status: 'Active' | 'Inactive';
    SecretAccessKey: Secret;
    CreateDate: string;
  };
}

/** CreateAccessKey: a new Active key for the user (the caller when UserName is left out). */
export class CreateAccessKeyCommand extends Command<CreateAccessKeyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: CreateAccessKeyRequestDto,
    caller: CommandCaller,
  ): CreateAccessKeyCommand {
    return new CreateAccessKeyCommand(accountId, targetUserName(dto.UserName, caller));
  }

  /** From `iam.access-key-created.v1`: the secret in the reply is the event's sealed one. */
  static resultFrom(events: readonly AccountEvent[]): CreateAccessKeyResult {
    const k = requiredEventOf(events, IamEventType.AccessKeyCreated, 'CreateAccessKey').payload;
    return {
      AccessKey: {
        UserName: k.userName,
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        SecretAccessKey: sealedReplySecret(
          k.sealedSecretAccessKey,
          accessKeySecretBinding(k.userId, k.accessKeyId),
        ),
        CreateDate: k.createDate,
      },
    };
  }

  /** The HTTP caller's reply: the one time the secret is seen in clear. */
  static revealSecrets(
    output: CreateAccessKeyResult,
    secrets: CredentialSecrets,
  ): CreateAccessKeyResult<string> {
    return {
      AccessKey: {
        ...output.AccessKey,
        SecretAccessKey: openReplySecret(output.AccessKey.SecretAccessKey, secrets),
      },
    };
  }
}
