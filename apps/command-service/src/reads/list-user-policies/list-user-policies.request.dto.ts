import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListUserPolicies. */
export class ListUserPoliciesRequestDto extends PageRequestDto {
  @IsIamName('user')
  UserName!: string;
}
