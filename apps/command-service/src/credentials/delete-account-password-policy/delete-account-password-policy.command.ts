import { Command } from '@nestjs/cqrs';
import { EMPTY_RESULT, type EmptyResult } from '../../shared/iam-response';

/** DeleteAccountPasswordPolicy: back to AWS's default rules. AWS answers nothing. */
export class DeleteAccountPasswordPolicyCommand extends Command<EmptyResult> {
  constructor(readonly accountId: string) {
    super();
  }

  static fromRequest(accountId: string): DeleteAccountPasswordPolicyCommand {
    return new DeleteAccountPasswordPolicyCommand(accountId);
  }

  static resultFrom(): EmptyResult {
    return EMPTY_RESULT;
  }
}
