import { IsArnParameter, IsTagList } from '../../shared/iam-request.decorators';
import { TagRequestDto } from '../../shared/tag.request.dto';

/** Body of TagPolicy, with AWS's parameter names. */
export class TagPolicyRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  @IsTagList()
  Tags!: TagRequestDto[];
}
