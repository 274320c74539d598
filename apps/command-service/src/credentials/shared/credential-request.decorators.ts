import { applyDecorators } from '@nestjs/common';
import { IsIn, IsString, Length, Matches } from 'class-validator';

/**
 * Request parameters of the credential actions (AWS's types and patterns). Messages name the
 * parameter, never its value: a rejected password must not be echoed into a reply or a log.
 */

/** `AccessKeyId` (AWS `accessKeyIdType`): 16–128 word characters. */
export const IsAccessKeyId = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(16, 128),
    Matches(/^\w+$/, { message: '$property must match [\\w]+' }),
  );

/** `Status` of an access key. */
export const IsAccessKeyStatus = (): PropertyDecorator =>
  IsIn(['Active', 'Inactive'], { message: '$property must be Active or Inactive' });

/** `Password`, `OldPassword`, `NewPassword` (AWS `passwordType`). */
export const IsPassword = (): PropertyDecorator =>
  applyDecorators(
    IsString({ message: '$property must be a string' }),
    Length(1, 128, { message: '$property must be 1 to 128 characters' }),
    Matches(/^[\t\n\r\u0020-\u00ff]+$/, {
      message: '$property must match [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
    }),
  );

/** `SerialNumber` of an MFA device (AWS `serialNumberType`). */
export const IsSerialNumber = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(9, 256),
    Matches(/^[\w+=/:,.@-]+$/, { message: '$property must match [\\w+=/:,.@-]+' }),
  );

/** `AuthenticationCode1`/`2`: six digits. */
export const IsAuthenticationCode = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(/^\d{6}$/, { message: '$property must be 6 digits' }));

/** `VirtualMFADeviceName`: 1–226 characters of `[\w+=,.@-]`. */
export const IsVirtualMfaDeviceName = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Length(1, 226),
    Matches(/^[\w+=,.@-]+$/, { message: '$property must match [\\w+=,.@-]+' }),
  );
