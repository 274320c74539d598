import { PageRequestDto } from '../shared/pagination';
import { IsArnParameter } from '../../shared/iam-request.decorators';

/** Body of ListPolicyVersions. */
export class ListPolicyVersionsRequestDto extends PageRequestDto {
  @IsArnParameter()
  PolicyArn!: string;
}
