import { Command } from '@nestjs/cqrs';
import type { TagPolicyInput } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { TagPolicyRequestDto } from './tag-policy.request.dto';

/** TagPolicy: adds tags, replacing the values of keys the policy has (case-insensitively). AWS answers nothing. */
export class TagPolicyCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly input: TagPolicyInput,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: TagPolicyRequestDto): TagPolicyCommand {
    return new TagPolicyCommand(accountId, {
      policyArn: dto.PolicyArn,
      tags: toIamTags(dto.Tags),
    });
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
