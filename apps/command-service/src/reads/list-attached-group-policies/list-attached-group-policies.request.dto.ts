import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListAttachedGroupPolicies. `PathPrefix` filters by the policies' path. */
export class ListAttachedGroupPoliciesRequestDto extends PageRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
