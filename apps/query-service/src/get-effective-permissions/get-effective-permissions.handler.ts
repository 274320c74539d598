import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { CallerAuthorization, QUERY_ACTIONS } from '../auth/caller-authorization';
import { QueryCache } from '../cache/query-cache';
import type {
  GrpcGetEffectivePermissionsRequest,
  GrpcGetEffectivePermissionsResponse,
} from '../shared/grpc.types';
import { principalRef } from '../shared/request-validation';

/**
 * GetEffectivePermissions: the policy set a check of the principal evaluates, as composed from
 * the read models at the requested consistency (a role session: its role's). It shows the policy
 * documents, so the caller must be allowed `portcullis:GetEffectivePermissions` on the
 * principal (a right apart from `portcullis:Check`).
 */
@Injectable()
export class GetEffectivePermissionsHandler {
  constructor(
    private readonly query: QueryCache,
    private readonly access: CallerAuthorization,
  ) {}

  async execute(
    req: GrpcGetEffectivePermissionsRequest,
    deadline: number,
    caller: Caller,
  ): Promise<GrpcGetEffectivePermissionsResponse> {
    const ref = principalRef(req.principal_arn);
    await this.access.authorize(caller, ref, QUERY_ACTIONS.getEffectivePermissions);
    const waited = this.query.consistency(req.consistency, deadline);
    const notBefore = typeof waited === 'number' ? waited : await waited;
    if (ref.kind === 'root') {
      return {
        principal_arn: ref.arn,
        principal_type: 'root',
        policies: [],
        group_arns: [],
        account_root: true,
        evaluated_at: this.query.coherence.token(),
      };
    }
    const set = await this.query.sets.of(ref, notBefore);
    return {
      principal_arn: set.principal._id,
      principal_type: set.principal.principalType,
      policies: set.sources.map((s) => ({ ...s })),
      group_arns: [...(set.principal.groupArns ?? [])],
      account_root: false,
      evaluated_at: this.query.coherence.token(),
    };
  }
}
