import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListGroupPolicies. */
export class ListGroupPoliciesRequestDto extends PageRequestDto {
  @IsIamName('group')
  GroupName!: string;
}
