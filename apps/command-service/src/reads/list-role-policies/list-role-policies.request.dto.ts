import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of ListRolePolicies. */
export class ListRolePoliciesRequestDto extends PageRequestDto {
  @IsIamName('role')
  RoleName!: string;
}
