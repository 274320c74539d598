import { Command } from '@nestjs/cqrs';
import { IamEventType, type IamTag } from '@portcullis/contracts';
import type { AccountEvent, CreateRoleInput } from '@portcullis/domain';
import {
  attachedPermissionsBoundary,
  eventOf,
  requiredEventOf,
  tagsMember,
  type AttachedPermissionsBoundary,
} from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { CreateRoleRequestDto } from './create-role.request.dto';

/** AWS's `Role` as CreateRole answers it. */
export interface CreateRoleResult {
  Role: {
    Path: string;
    RoleName: string;
    RoleId: string;
    Arn: string;
    CreateDate: string;
    /** The trust policy as JSON text (AWS URL-encodes it; we do not). */
    AssumeRolePolicyDocument: string;
    Description?: string;
    MaxSessionDuration: number;
    PermissionsBoundary?: AttachedPermissionsBoundary;
    Tags?: IamTag[];
  };
}

/** CreateRole, with its trust policy, optionally with tags and a permissions boundary. */
export class CreateRoleCommand extends Command<CreateRoleResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreateRoleInput, 'now' | 'random'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateRoleRequestDto): CreateRoleCommand {
    return new CreateRoleCommand(accountId, {
      roleName: dto.RoleName,
      path: dto.Path,
      assumeRolePolicyDocument: dto.AssumeRolePolicyDocument,
      description: dto.Description,
      maxSessionDuration: dto.MaxSessionDuration,
      permissionsBoundary: dto.PermissionsBoundary,
      tags: toIamTags(dto.Tags),
    });
  }

  /**
   * The reply, from the events the command raised (also for an idempotent retry):
   * `iam.role-created.v1`, then `iam.role-tagged.v1` and `iam.role-permissions-boundary-put.v1`
   * when CreateRole raised them.
   */
  static resultFrom(events: readonly AccountEvent[]): CreateRoleResult {
    const r = requiredEventOf(events, IamEventType.RoleCreated, 'CreateRole').payload;
    const boundary = eventOf(events, IamEventType.RolePermissionsBoundaryPut)?.payload;
    const tagged = eventOf(events, IamEventType.RoleTagged)?.payload;
    return {
      Role: {
        Path: r.path,
        RoleName: r.roleName,
        RoleId: r.roleId,
        Arn: r.arn,
        CreateDate: r.createDate,
        AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
        ...(r.description !== undefined && { Description: r.description }),
        MaxSessionDuration: r.maxSessionDuration,
        ...(boundary && {
          PermissionsBoundary: attachedPermissionsBoundary(boundary.permissionsBoundaryArn),
        }),
        ...tagsMember(tagged?.resultingTags),
      },
    };
  }
}
