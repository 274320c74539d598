import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetRole. */
export class GetRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;
}
