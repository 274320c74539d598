import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsPolicyVersion } from '../shared/aws-shapes';
import { paginate } from '../shared/pagination';
import { ListPolicyVersionsQuery, ListPolicyVersionsResult } from './list-policy-versions.query';

/** `v12` → 12 (version ids are never reused, so the number orders them by age). */
const versionNumber = (versionId: string): number => Number.parseInt(versionId.slice(1), 10);

@CommandHandler(ListPolicyVersionsQuery)
export class ListPolicyVersionsHandler implements ICommandHandler<ListPolicyVersionsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListPolicyVersionsQuery): Promise<ListPolicyVersionsResult> {
    const versions = this.accounts.get(accountId).listPolicyVersions(request.PolicyArn);
    const { items, page } = paginate(
      versions,
      { key: (v) => [versionNumber(v.versionId), v.versionId], descending: true },
      request,
    );
    return { Versions: items.map((v) => awsPolicyVersion(v, 'list')), ...page };
  }
}
