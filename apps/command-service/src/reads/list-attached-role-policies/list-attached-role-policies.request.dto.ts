import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListAttachedRolePolicies. `PathPrefix` filters by the policies' path. */
export class ListAttachedRolePoliciesRequestDto extends PageRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
