import { PageRequestDto } from '../shared/pagination';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListRoles. */
export class ListRolesRequestDto extends PageRequestDto {
  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
