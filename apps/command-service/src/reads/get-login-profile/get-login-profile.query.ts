import { Command } from '@nestjs/cqrs';
import type { LoginProfileResult } from '../../credentials/create-login-profile/create-login-profile.command';

/** GetLoginProfile: when the user's password was set and whether a reset is required. */
export class GetLoginProfileQuery extends Command<LoginProfileResult> {
  constructor(
    readonly accountId: string,
    /** UserName, or the caller's own. */
    readonly userName: string,
  ) {
    super();
  }
}
