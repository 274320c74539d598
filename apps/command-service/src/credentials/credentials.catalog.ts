import { RecordAccessKeyUsageCommand } from '../access-key-usage/record-access-key-usage/record-access-key-usage.command';
import { RecordAccessKeyUsageHandler } from '../access-key-usage/record-access-key-usage/record-access-key-usage.handler';
import { RecordAccessKeyUsageRequestDto } from '../access-key-usage/record-access-key-usage/record-access-key-usage.request.dto';
import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { ChangePasswordCommand } from './change-password/change-password.command';
import { ChangePasswordHandler } from './change-password/change-password.handler';
import { ChangePasswordRequestDto } from './change-password/change-password.request.dto';
import {
  CreateAccessKeyCommand,
  type CreateAccessKeyResult,
} from './create-access-key/create-access-key.command';
import { CreateAccessKeyHandler } from './create-access-key/create-access-key.handler';
import { CreateAccessKeyRequestDto } from './create-access-key/create-access-key.request.dto';
import { CreateLoginProfileCommand } from './create-login-profile/create-login-profile.command';
import { CreateLoginProfileHandler } from './create-login-profile/create-login-profile.handler';
import { CreateLoginProfileRequestDto } from './create-login-profile/create-login-profile.request.dto';
import {
  CreateVirtualMfaDeviceCommand,
  type CreateVirtualMfaDeviceResult,
} from './create-virtual-mfa-device/create-virtual-mfa-device.command';
import { CreateVirtualMfaDeviceHandler } from './create-virtual-mfa-device/create-virtual-mfa-device.handler';
import { CreateVirtualMfaDeviceRequestDto } from './create-virtual-mfa-device/create-virtual-mfa-device.request.dto';
import { DeactivateMfaDeviceCommand } from './deactivate-mfa-device/deactivate-mfa-device.command';
import { DeactivateMfaDeviceHandler } from './deactivate-mfa-device/deactivate-mfa-device.handler';
import { DeactivateMfaDeviceRequestDto } from './deactivate-mfa-device/deactivate-mfa-device.request.dto';
import { DeleteAccessKeyCommand } from './delete-access-key/delete-access-key.command';
import { DeleteAccessKeyHandler } from './delete-access-key/delete-access-key.handler';
import { DeleteAccessKeyRequestDto } from './delete-access-key/delete-access-key.request.dto';
import { DeleteAccountPasswordPolicyCommand } from './delete-account-password-policy/delete-account-password-policy.command';
import { DeleteAccountPasswordPolicyHandler } from './delete-account-password-policy/delete-account-password-policy.handler';
import { DeleteAccountPasswordPolicyRequestDto } from './delete-account-password-policy/delete-account-password-policy.request.dto';
import { DeleteLoginProfileCommand } from './delete-login-profile/delete-login-profile.command';
import { DeleteLoginProfileHandler } from './delete-login-profile/delete-login-profile.handler';
import { DeleteLoginProfileRequestDto } from './delete-login-profile/delete-login-profile.request.dto';
import { DeleteVirtualMfaDeviceCommand } from './delete-virtual-mfa-device/delete-virtual-mfa-device.command';
import { DeleteVirtualMfaDeviceHandler } from './delete-virtual-mfa-device/delete-virtual-mfa-device.handler';
import { DeleteVirtualMfaDeviceRequestDto } from './delete-virtual-mfa-device/delete-virtual-mfa-device.request.dto';
import { EnableMfaDeviceCommand } from './enable-mfa-device/enable-mfa-device.command';
import { EnableMfaDeviceHandler } from './enable-mfa-device/enable-mfa-device.handler';
import { ResyncMfaDeviceCommand } from './resync-mfa-device/resync-mfa-device.command';
import { ResyncMfaDeviceHandler } from './resync-mfa-device/resync-mfa-device.handler';
import { MfaDeviceCodesRequestDto } from './shared/mfa-device-codes';
import { UpdateAccessKeyCommand } from './update-access-key/update-access-key.command';
import { UpdateAccessKeyHandler } from './update-access-key/update-access-key.handler';
import { UpdateAccessKeyRequestDto } from './update-access-key/update-access-key.request.dto';
import { UpdateAccountPasswordPolicyCommand } from './update-account-password-policy/update-account-password-policy.command';
import { UpdateAccountPasswordPolicyHandler } from './update-account-password-policy/update-account-password-policy.handler';
import { UpdateAccountPasswordPolicyRequestDto } from './update-account-password-policy/update-account-password-policy.request.dto';
import { UpdateLoginProfileCommand } from './update-login-profile/update-login-profile.command';
import { UpdateLoginProfileHandler } from './update-login-profile/update-login-profile.handler';
import { UpdateLoginProfileRequestDto } from './update-login-profile/update-login-profile.request.dto';

/**
 * The credentials area: access keys, passwords (login profiles, ChangePassword, the account
 * password policy) and virtual MFA devices. Its reads (ListAccessKeys, GetLoginProfile, …) are in
 * the reads area. Replies that carry a secret keep it sealed; `revealSecrets` opens it for the
 * HTTP caller only.
 */
export const CREDENTIALS: CommandArea = {
  commands: {
    CreateAccessKey: defineCommand({
      dto: CreateAccessKeyRequestDto,
      toCommand: (accountId, dto, caller) =>
        CreateAccessKeyCommand.fromRequest(accountId, dto, caller),
      resultFrom: (events) => CreateAccessKeyCommand.resultFrom(events),
      revealSecrets: (output, secrets) =>
        CreateAccessKeyCommand.revealSecrets(output as CreateAccessKeyResult, secrets),
    }),
    UpdateAccessKey: defineCommand({
      dto: UpdateAccessKeyRequestDto,
      toCommand: (accountId, dto, caller) =>
        UpdateAccessKeyCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => UpdateAccessKeyCommand.resultFrom(),
    }),
    DeleteAccessKey: defineCommand({
      dto: DeleteAccessKeyRequestDto,
      toCommand: (accountId, dto, caller) =>
        DeleteAccessKeyCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => DeleteAccessKeyCommand.resultFrom(),
    }),
    CreateLoginProfile: defineCommand({
      dto: CreateLoginProfileRequestDto,
      toCommand: (accountId, dto, caller) =>
        CreateLoginProfileCommand.fromRequest(accountId, dto, caller),
      resultFrom: (events) => CreateLoginProfileCommand.resultFrom(events),
      sealedInputs: ['Password'],
    }),
    UpdateLoginProfile: defineCommand({
      dto: UpdateLoginProfileRequestDto,
      toCommand: (accountId, dto) => UpdateLoginProfileCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateLoginProfileCommand.resultFrom(),
      sealedInputs: ['Password'],
    }),
    DeleteLoginProfile: defineCommand({
      dto: DeleteLoginProfileRequestDto,
      toCommand: (accountId, dto, caller) =>
        DeleteLoginProfileCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => DeleteLoginProfileCommand.resultFrom(),
    }),
    ChangePassword: defineCommand({
      dto: ChangePasswordRequestDto,
      toCommand: (accountId, dto, caller) =>
        ChangePasswordCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => ChangePasswordCommand.resultFrom(),
      sealedInputs: ['OldPassword', 'NewPassword'],
    }),
    UpdateAccountPasswordPolicy: defineCommand({
      dto: UpdateAccountPasswordPolicyRequestDto,
      toCommand: (accountId, dto) => UpdateAccountPasswordPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => UpdateAccountPasswordPolicyCommand.resultFrom(),
    }),
    DeleteAccountPasswordPolicy: defineCommand({
      dto: DeleteAccountPasswordPolicyRequestDto,
      toCommand: (accountId) => DeleteAccountPasswordPolicyCommand.fromRequest(accountId),
      resultFrom: () => DeleteAccountPasswordPolicyCommand.resultFrom(),
    }),
    CreateVirtualMFADevice: defineCommand({
      dto: CreateVirtualMfaDeviceRequestDto,
      toCommand: (accountId, dto) => CreateVirtualMfaDeviceCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateVirtualMfaDeviceCommand.resultFrom(events),
      revealSecrets: (output, secrets, caller) =>
        CreateVirtualMfaDeviceCommand.revealSecrets(
          output as CreateVirtualMfaDeviceResult,
          secrets,
          caller,
        ),
    }),
    EnableMFADevice: defineCommand({
      dto: MfaDeviceCodesRequestDto,
      toCommand: (accountId, dto) => EnableMfaDeviceCommand.fromRequest(accountId, dto),
      resultFrom: () => EnableMfaDeviceCommand.resultFrom(),
    }),
    ResyncMFADevice: defineCommand({
      dto: MfaDeviceCodesRequestDto,
      toCommand: (accountId, dto) => ResyncMfaDeviceCommand.fromRequest(accountId, dto),
      resultFrom: () => ResyncMfaDeviceCommand.resultFrom(),
    }),
    DeactivateMFADevice: defineCommand({
      dto: DeactivateMfaDeviceRequestDto,
      toCommand: (accountId, dto, caller) =>
        DeactivateMfaDeviceCommand.fromRequest(accountId, dto, caller),
      resultFrom: () => DeactivateMfaDeviceCommand.resultFrom(),
    }),
    DeleteVirtualMFADevice: defineCommand({
      dto: DeleteVirtualMfaDeviceRequestDto,
      toCommand: (accountId, dto) => DeleteVirtualMfaDeviceCommand.fromRequest(accountId, dto),
      resultFrom: () => DeleteVirtualMfaDeviceCommand.resultFrom(),
    }),
    // Sent by the HTTP edge (AccessKeyUsageRecorder) only: GetAccessKeyLastUsed's data.
    RecordAccessKeyUsage: defineCommand({
      dto: RecordAccessKeyUsageRequestDto,
      toCommand: (accountId, dto) => RecordAccessKeyUsageCommand.fromRequest(accountId, dto),
      resultFrom: () => RecordAccessKeyUsageCommand.resultFrom(),
      internal: true,
    }),
  },
  handlers: [
    CreateAccessKeyHandler,
    UpdateAccessKeyHandler,
    DeleteAccessKeyHandler,
    CreateLoginProfileHandler,
    UpdateLoginProfileHandler,
    DeleteLoginProfileHandler,
    ChangePasswordHandler,
    UpdateAccountPasswordPolicyHandler,
    DeleteAccountPasswordPolicyHandler,
    CreateVirtualMfaDeviceHandler,
    EnableMfaDeviceHandler,
    ResyncMfaDeviceHandler,
    DeactivateMfaDeviceHandler,
    DeleteVirtualMfaDeviceHandler,
    RecordAccessKeyUsageHandler,
  ],
};
