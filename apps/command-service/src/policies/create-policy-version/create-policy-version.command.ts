import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent, CreatePolicyVersionInput } from '@portcullis/domain';
import { requiredEventOf } from '../../shared/iam-response';
import type { CreatePolicyVersionRequestDto } from './create-policy-version.request.dto';

/** AWS's `PolicyVersion` as CreatePolicyVersion answers it (without the document). */
export interface CreatePolicyVersionResult {
  PolicyVersion: { VersionId: string; IsDefaultVersion: boolean; CreateDate: string };
}

/** CreatePolicyVersion: the next version (`v<n>`, never reused), optionally as the default. */
export class CreatePolicyVersionCommand extends Command<CreatePolicyVersionResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreatePolicyVersionInput, 'now'>,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: CreatePolicyVersionRequestDto,
  ): CreatePolicyVersionCommand {
    return new CreatePolicyVersionCommand(accountId, {
      policyArn: dto.PolicyArn,
      policyDocument: dto.PolicyDocument,
      setAsDefault: dto.SetAsDefault,
    });
  }

  /** The reply, from `iam.policy-version-created.v1` (also for an idempotent retry). */
  static resultFrom(events: readonly AccountEvent[]): CreatePolicyVersionResult {
    const { version } = requiredEventOf(
      events,
      IamEventType.PolicyVersionCreated,
      'CreatePolicyVersion',
    ).payload;
    return {
      PolicyVersion: {
        VersionId: version.versionId,
        IsDefaultVersion: version.isDefaultVersion,
        CreateDate: version.createDate,
      },
    };
  }
}
