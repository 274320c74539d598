import { Command } from '@nestjs/cqrs';
import type { GetAccessKeyLastUsedRequestDto } from './get-access-key-last-used.request.dto';

/**
 * AWS's answer. `LastUsedDate` (to the minute), `ServiceName` (`iam`, `sts`) and `Region` once a
 * use is recorded (the HTTP edge records uses in batches, every IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS:
 * eventually, not at once); before that, as AWS does for a key never used, `ServiceName` and
 * `Region` "N/A" and no `LastUsedDate`. `UserName` is absent for a root access key.
 */
export interface GetAccessKeyLastUsedResult {
  UserName?: string;
  AccessKeyLastUsed: { LastUsedDate?: string; ServiceName: string; Region: string };
}

export class GetAccessKeyLastUsedQuery extends Command<GetAccessKeyLastUsedResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetAccessKeyLastUsedRequestDto,
  ) {
    super();
  }
}
