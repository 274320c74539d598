import { PageRequestDto } from '../shared/pagination';
import { IsOptionalPathPrefix } from '../shared/read-params';

/** Body of ListUsers. */
export class ListUsersRequestDto extends PageRequestDto {
  @IsOptionalPathPrefix()
  PathPrefix?: string;
}
