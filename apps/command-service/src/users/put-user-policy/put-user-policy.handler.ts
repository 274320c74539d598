import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IamError } from '@portcullis/domain';
import { validatePolicy } from '@portcullis/policy';
import { AccountRepository } from '../../pipeline/account.repository';
import { PutUserPolicyCommand, PutUserPolicyResult } from './put-user-policy.command';

@CommandHandler(PutUserPolicyCommand)
export class PutUserPolicyHandler implements ICommandHandler<PutUserPolicyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: PutUserPolicyCommand): Promise<PutUserPolicyResult> {
    const validation = validatePolicy(command.policyDocument, {
      kind: 'identity',
      sizeLimit: 'user-inline',
    });
    const [first] = validation.errors;
    if (first) {
      // IAM's own wording first; where it is terse ("Syntax errors in policy."), say where and why.
      const where = [first.path && `at ${first.path}`, first.detail].filter(Boolean).join(': ');
      const code = first.code === 'LimitExceeded' ? 'LimitExceeded' : 'MalformedPolicyDocument';
      throw new IamError(code, where ? `${first.message} (${where})` : first.message);
    }
    this.accounts.get(command.accountId).putUserPolicy({
      userName: command.userName,
      policyName: command.policyName,
      policyDocument: command.policyDocument,
    });
    return PutUserPolicyCommand.resultFrom();
  }
}
