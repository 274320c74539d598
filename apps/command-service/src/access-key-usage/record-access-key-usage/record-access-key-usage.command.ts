import { Command } from '@nestjs/cqrs';
import type { AccessKeyUsage } from '@portcullis/domain';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';
import type { RecordAccessKeyUsageRequestDto } from './record-access-key-usage.request.dto';

/**
 * RecordAccessKeyUsage (internal): the latest uses of the account's access keys the HTTP edge
 * saw since its last flush (AccessKeyUsageRecorder), one `iam.access-key-used.v1` per key whose
 * use is later than recorded. Only a Portcullis service may send it; it needs no IAM permission.
 */
export class RecordAccessKeyUsageCommand extends Command<EmptyResult> {
  constructor(
    readonly accountId: string,
    readonly usage: readonly AccessKeyUsage[],
  ) {
    super();
  }

  static fromRequest(
    accountId: string,
    dto: RecordAccessKeyUsageRequestDto,
  ): RecordAccessKeyUsageCommand {
    return new RecordAccessKeyUsageCommand(
      accountId,
      dto.Usage.map((u) => ({
        accessKeyId: u.AccessKeyId,
        lastUsedDate: new Date(u.LastUsedDate),
        serviceName: u.ServiceName,
        region: u.Region,
      })),
    );
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
