import { Command } from '@nestjs/cqrs';
import { IamEventType, type IamTag } from '@portcullis/contracts';
import type { AccountEvent } from '@portcullis/domain';
import type { CommandCaller } from '../../pipeline/command-definition';
import { requiredEventOf, tagsMember } from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import { mfaSeedBinding, type CredentialSecrets } from '../credential-secrets.port';
import {
  openReplySecret,
  sealedReplySecret,
  type SealedReplySecret,
} from '../shared/sealed-reply-secret';
import type { CreateVirtualMfaDeviceRequestDto } from './create-virtual-mfa-device.request.dto';

/** The issuer authenticator apps show next to the device's codes. */
export const TOTP_ISSUER = 'Portcullis';

/**
 * AWS's `VirtualMFADevice` as CreateVirtualMFADevice answers it. `Base32StringSeed` is sealed as
 * stored and published; the HTTP caller gets it in clear, with `OtpauthUri` (the enrolment URI
 * for a QR code, where AWS answers a `QRCodePNG`).
 */
export interface CreateVirtualMfaDeviceResult<Seed = SealedReplySecret> {
  VirtualMFADevice: {
    SerialNumber: string;
    Base32StringSeed: Seed;
    OtpauthUri?: string;
    Tags?: IamTag[];
  };
}

export class CreateVirtualMfaDeviceCommand extends Command<CreateVirtualMfaDeviceResult> {
  constructor(
    readonly accountId: string,
    readonly virtualMfaDeviceName: string,
    readonly path: string | undefined,
    readonly tags: IamTag[] | undefined,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: CreateVirtualMfaDeviceRequestDto,
  ): CreateVirtualMfaDeviceCommand {
    return new CreateVirtualMfaDeviceCommand(
      accountId,
      dto.VirtualMFADeviceName,
      dto.Path,
      toIamTags(dto.Tags),
    );
  }

  static resultFrom(events: readonly AccountEvent[]): CreateVirtualMfaDeviceResult {
    const d = requiredEventOf(
      events,
      IamEventType.VirtualMfaDeviceCreated,
      'CreateVirtualMFADevice',
    ).payload;
    return {
      VirtualMFADevice: {
        SerialNumber: d.serialNumber,
        Base32StringSeed: sealedReplySecret(d.sealedSeed, mfaSeedBinding(d.serialNumber)),
        ...tagsMember(d.tags),
      },
    };
  }

  /** The HTTP caller's reply: the seed and its `otpauth://` URI, shown this once. */
  static revealSecrets(
    output: CreateVirtualMfaDeviceResult,
    secrets: CredentialSecrets,
    caller: CommandCaller,
  ): CreateVirtualMfaDeviceResult<string> {
    const device = output.VirtualMFADevice;
    const seed = openReplySecret(device.Base32StringSeed, secrets);
    const name = device.SerialNumber.slice(device.SerialNumber.lastIndexOf('/') + 1);
    return {
      VirtualMFADevice: {
        ...device,
        Base32StringSeed: seed,
        OtpauthUri: secrets.totpUri(seed, {
          issuer: TOTP_ISSUER,
          accountName: `${name}@${caller.accountId}`,
        }),
      },
    };
  }
}
