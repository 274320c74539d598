import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { eventOf, requiredEventOf } from '../../shared/iam-response';
import { accessKeySecretBinding, type CredentialSecrets } from '../credential-secrets.port';
import { accessKeyTarget, type AccessKeyTarget } from '../shared/caller-user';
import {
  openReplySecret,
  sealedReplySecret,
  type SealedReplySecret,
} from '../shared/sealed-reply-secret';
import type { CreateAccessKeyRequestDto } from './create-access-key.request.dto';

/** AWS's `AccessKey`, the secret sealed (as stored and published) or opened (HTTP caller). */
export interface CreateAccessKeyResult<Secret = SealedReplySecret> {
  AccessKey: {
    /** The key's user; left out for a key of the account's root, as AWS answers. */
    UserName?: string;
    AccessKeyId: string;
    Status: 'Active' | 'Inactive';
    SecretAccessKey: Secret;
    CreateDate: string;
  };
}

/**
 * CreateAccessKey: a new Active key for the user (the calling user when UserName is left out), or,
 * when the account's root leaves UserName out, for the root.
 */
export class CreateAccessKeyCommand extends Command<CreateAccessKeyResult> {
  constructor(
    readonly accountId: string,
    readonly target: AccessKeyTarget,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: CreateAccessKeyRequestDto,
    caller: CommandCaller,
  ): CreateAccessKeyCommand {
    return new CreateAccessKeyCommand(accountId, accessKeyTarget(dto.UserName, caller));
  }

  /**
   * From `iam.access-key-created.v1` (a user's key; its secret bound to the user's id) or
   * `iam.root-access-key-created.v1` (the root's; bound to the account id): the secret in the
   * reply is the event's sealed one, so a retry answers the first reply.
   */
  static resultFrom(events: readonly AccountEvent[]): CreateAccessKeyResult {
    const user = eventOf(events, IamEventType.AccessKeyCreated)?.payload;
    if (user) {
      return {
        AccessKey: {
          UserName: user.userName,
          AccessKeyId: user.accessKeyId,
          Status: user.status,
          SecretAccessKey: sealedReplySecret(
            user.sealedSecretAccessKey,
            accessKeySecretBinding(user.userId, user.accessKeyId),
          ),
          CreateDate: user.createDate,
        },
      };
    }
    const root = requiredEventOf(
      events,
      IamEventType.RootAccessKeyCreated,
      'CreateAccessKey',
    ).payload;
    return {
      AccessKey: {
        AccessKeyId: root.accessKeyId,
        Status: root.status,
        SecretAccessKey: sealedReplySecret(
          root.sealedSecretAccessKey,
          accessKeySecretBinding(root.accountId, root.accessKeyId),
        ),
        CreateDate: root.createDate,
      },
    };
  }

  /** The HTTP caller's reply: the one time the secret is seen in clear (a user's or the root's). */
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
