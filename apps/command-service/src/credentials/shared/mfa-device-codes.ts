import { Command } from '@nestjs/cqrs';
import { IsIamName } from '../../shared/iam-request.decorators';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import { IsAuthenticationCode, IsSerialNumber } from './credential-request.decorators';

/**
 * The body of EnableMFADevice and ResyncMFADevice (one schema for both in the OpenAPI document):
 * a user's device and two consecutive codes from it.
 */
export class MfaDeviceCodesRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsSerialNumber()
  SerialNumber!: string;

  @IsAuthenticationCode()
  AuthenticationCode1!: string;

  @IsAuthenticationCode()
  AuthenticationCode2!: string;
}

/** A command on a user's device with two consecutive codes. AWS answers nothing. */
export abstract class MfaDeviceCodesCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly serialNumber: string,
    readonly codes: readonly [string, string],
  ) {
    super();
  }

  static fromRequest<C extends MfaDeviceCodesCommand>(
    this: new (
      accountId: string,
      userName: string,
      serialNumber: string,
      codes: readonly [string, string],
    ) => C,
    accountId: string,
    dto: MfaDeviceCodesRequestDto,
  ): C {
    return new this(accountId, dto.UserName, dto.SerialNumber, [
      dto.AuthenticationCode1,
      dto.AuthenticationCode2,
    ]);
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
