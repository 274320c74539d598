import { PageRequestDto } from '../shared/pagination';
import { IsIamName } from '../../shared/iam-request.decorators';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListAttachedUserPolicies. `PathPrefix` filters by the policies' path. */
export class ListAttachedUserPoliciesRequestDto extends PageRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
