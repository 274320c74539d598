import { Command } from '@nestjs/cqrs';
import { IamEventType, type IamTag } from '@portcullis/contracts';
import type { AccountEvent, CreatePolicyInput } from '@portcullis/domain';
import { eventOf, requiredEventOf, tagsMember } from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { CreatePolicyRequestDto } from './create-policy.request.dto';

/** AWS's `Policy` as CreatePolicy answers it. */
export interface CreatePolicyResult {
  Policy: {
    PolicyName: string;
    PolicyId: string;
    Arn: string;
    Path: string;
    DefaultVersionId: string;
    AttachmentCount: number;
    PermissionsBoundaryUsageCount: number;
    IsAttachable: boolean;
    Description?: string;
    CreateDate: string;
    UpdateDate: string;
    Tags?: IamTag[];
  };
}

/** CreatePolicy: a customer managed policy whose first version, `v1`, is the default. */
export class CreatePolicyCommand extends Command<CreatePolicyResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreatePolicyInput, 'now' | 'random'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreatePolicyRequestDto): CreatePolicyCommand {
    return new CreatePolicyCommand(accountId, {
      policyName: dto.PolicyName,
      path: dto.Path,
      policyDocument: dto.PolicyDocument,
      description: dto.Description,
      tags: toIamTags(dto.Tags),
    });
  }

  /**
   * The reply, from `iam.policy-created.v1` and, when tags were given, `iam.policy-tagged.v1`
   * (also for an idempotent retry). A new policy is attached to nothing yet.
   */
  static resultFrom(events: readonly AccountEvent[]): CreatePolicyResult {
    const p = requiredEventOf(events, IamEventType.PolicyCreated, 'CreatePolicy').payload;
    const tagged = eventOf(events, IamEventType.PolicyTagged)?.payload;
    return {
      Policy: {
        PolicyName: p.policyName,
        PolicyId: p.policyId,
        Arn: p.arn,
        Path: p.path,
        DefaultVersionId: p.version.versionId,
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        ...(p.description !== undefined && { Description: p.description }),
        CreateDate: p.createDate,
        UpdateDate: p.createDate,
        ...tagsMember(tagged?.resultingTags),
      },
    };
  }
}
