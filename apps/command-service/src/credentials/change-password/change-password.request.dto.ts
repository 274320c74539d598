import { IsPassword } from '../shared/credential-request.decorators';

/** Body of ChangePassword: the caller's own password (it names no user). */
export class ChangePasswordRequestDto {
  @IsPassword()
  OldPassword!: string;

  @IsPassword()
  NewPassword!: string;
}
