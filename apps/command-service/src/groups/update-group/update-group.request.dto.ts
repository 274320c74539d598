import { IsIamName, IsIamPath, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of UpdateGroup, with AWS's parameter names. */
export class UpdateGroupRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsOptionalParameter()
  @IsIamPath()
  NewPath?: string;

  @IsOptionalParameter()
  @IsIamName('group')
  NewGroupName?: string;
}
