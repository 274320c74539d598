import { PageRequestDto } from '../shared/pagination';
import { IsArnParameter } from '../../shared/iam-request.decorators';

/** Body of ListPolicyTags. */
export class ListPolicyTagsRequestDto extends PageRequestDto {
  @IsArnParameter()
  PolicyArn!: string;
}
