import { Command } from '@nestjs/cqrs';
import { IamEventType, type IamTag } from '@portcullis/contracts';
import type { AccountEvent, CreateUserInput } from '@portcullis/domain';
import {
  attachedPermissionsBoundary,
  eventOf,
  requiredEventOf,
  tagsMember,
  type AttachedPermissionsBoundary,
} from '../../shared/iam-response';
import { toIamTags } from '../../shared/tag.request.dto';
import type { CreateUserRequestDto } from './create-user.request.dto';

/** AWS's `User` as CreateUser answers it. */
export interface CreateUserResult {
  User: {
    Path: string;
    UserName: string;
    UserId: string;
    Arn: string;
    CreateDate: string;
    PermissionsBoundary?: AttachedPermissionsBoundary;
    Tags?: IamTag[];
  };
}

/** CreateUser, optionally with tags and a permissions boundary. */
export class CreateUserCommand extends Command<CreateUserResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreateUserInput, 'now' | 'random'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateUserRequestDto): CreateUserCommand {
    return new CreateUserCommand(accountId, {
      userName: dto.UserName,
      path: dto.Path,
      permissionsBoundary: dto.PermissionsBoundary,
      tags: toIamTags(dto.Tags),
    });
  }

  /**
   * The reply, from the events the command raised (also for an idempotent retry): the user from
   * `iam.user-created.v1`, its tags from `iam.user-tagged.v1` and its boundary from
   * `iam.user-permissions-boundary-put.v1`, when CreateUser raised them.
   */
  static resultFrom(events: readonly AccountEvent[]): CreateUserResult {
    const u = requiredEventOf(events, IamEventType.UserCreated, 'CreateUser').payload;
    const boundary = eventOf(events, IamEventType.UserPermissionsBoundaryPut)?.payload;
    const tagged = eventOf(events, IamEventType.UserTagged)?.payload;
    return {
      User: {
        Path: u.path,
        UserName: u.userName,
        UserId: u.userId,
        Arn: u.arn,
        CreateDate: u.createDate,
        ...(boundary && {
          PermissionsBoundary: attachedPermissionsBoundary(boundary.permissionsBoundaryArn),
        }),
        ...tagsMember(tagged?.resultingTags),
      },
    };
  }
}
