import { Command } from '@nestjs/cqrs';
import type { GetAccessKeyLastUsedRequestDto } from './get-access-key-last-used.request.dto';

/**
 * AWS's answer. No use is recorded yet (requests are not signed with keys until the
 * authentication step), so every key answers as AWS does for a key never used: `ServiceName` and
 * `Region` "N/A", no `LastUsedDate`.
 */
export interface GetAccessKeyLastUsedResult {
  UserName: string;
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
