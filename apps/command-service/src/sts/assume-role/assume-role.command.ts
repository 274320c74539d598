import { Command } from '@nestjs/cqrs';
import type { CommandCaller } from '../../pipeline/command-definition';
import { toIamTags } from '../../shared/tag.request.dto';
import type { IssuedCredentials } from '../shared/issued-credentials';
import type { AssumeRoleRequestDto } from './assume-role.request.dto';

export interface AssumeRoleResult<Secret = unknown> {
  AssumeRoleResult: {
    Credentials: IssuedCredentials<Secret>;
    AssumedRoleUser: { AssumedRoleId: string; Arn: string };
    SourceIdentity?: string;
  };
}

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  policy?: string;
  externalId?: string;
  sourceIdentity?: string;
  tags: { Key: string; Value: string }[];
  mfa?: { serialNumber: string; tokenCode: string };
}

/**
 * AssumeRole: temporary credentials for a session of the role, decided by the single writer of
 * the role's account: the role's trust policy (a resource-based policy) and the caller's
 * identity policies together, as AWS evaluates them (same account: either may allow a named
 * principal; across accounts: both must).
 */
export class AssumeRoleCommand extends Command<AssumeRoleResult> {
  constructor(
    readonly accountId: string,
    readonly caller: CommandCaller,
    readonly input: AssumeRoleInput,
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: AssumeRoleRequestDto,
    caller: CommandCaller,
  ): AssumeRoleCommand {
    return new AssumeRoleCommand(accountId, caller, {
      roleArn: dto.RoleArn,
      roleSessionName: dto.RoleSessionName,
      ...(dto.DurationSeconds !== undefined ? { durationSeconds: dto.DurationSeconds } : {}),
      ...(dto.Policy !== undefined ? { policy: dto.Policy } : {}),
      ...(dto.ExternalId !== undefined ? { externalId: dto.ExternalId } : {}),
      ...(dto.SourceIdentity !== undefined ? { sourceIdentity: dto.SourceIdentity } : {}),
      tags: toIamTags(dto.Tags) ?? [],
      ...(dto.SerialNumber !== undefined || dto.TokenCode !== undefined
        ? { mfa: { serialNumber: dto.SerialNumber ?? '', tokenCode: dto.TokenCode ?? '' } }
        : {}),
    });
  }
}
