import { IsIamName, IsIamPath, IsOptionalParameter } from '../../shared/iam-request.decorators';

/** Body of CreateGroup, with AWS's parameter names. */
export class CreateGroupRequestDto {
  @IsIamName('group')
  GroupName!: string;

  /** Defaults to `/`. */
  @IsOptionalParameter()
  @IsIamPath()
  Path?: string;
}
