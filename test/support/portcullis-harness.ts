import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectBackends, KEY_FILE_NAME, loadConfig, startService } from '@portcullis/platform';
import { portcullisService } from '../../apps/portcullis/src/portcullis.service';
import { AuthzClient } from './authz-client';
import { freePort } from './free-port';
import {
  bootstrapEnv,
  callApi,
  mintCredentials,
  type ApiResponse,
  type Credentials,
} from './test-credentials';

export type { ApiResponse } from './test-credentials';

export interface Harness {
  httpUrl: string;
  /** The gRPC query service, as the harness account's root (bearer token minted for it). */
  authz: AuthzClient;
  /** The gRPC query service as `actor` (e.g. another account's root). */
  authzAs(actor: string): AuthzClient;
  /** The env the service runs with (its key ring, bootstrap key, management account). */
  env: NodeJS.ProcessEnv;
  managementAccountId: string;
  /**
   * `POST /v1/{action}`, signed (SigV4) with temporary credentials minted for `actor`
   * (default: the harness account's root; CreateAccount: the management account's root), or
   * with `credentials` when given.
   */
  call(
    action: string,
    body: unknown,
    opts?: { actor?: string; commandId?: string; raw?: string; credentials?: Credentials },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/**
 * Runs the all-in-one service in this process, on free ports, over the backends `env` names,
 * with the test bootstrap key. The key ring is `env`'s, or (embedded) the one the data dir keeps.
 */
export async function startPortcullis(
  env: NodeJS.ProcessEnv,
  accountId = '123456789012',
): Promise<Harness> {
  const [http, grpcPort] = [await freePort(), await freePort()];
  const serviceEnv: NodeJS.ProcessEnv = {
    ...bootstrapEnv(),
    ...env,
    IAM_HTTP_PORT: String(http),
    IAM_GRPC_PORT: String(grpcPort),
  };
  const config = loadConfig(serviceEnv);
  const backends = await connectBackends(config);
  let app: INestApplication;
  try {
    app = await startService(portcullisService, config, backends);
  } catch (e) {
    await backends.close();
    throw e;
  }
  if (!serviceEnv.IAM_KEY_ENCRYPTION_KEYS) {
    // Embedded without keys configured: the service generated (or reopened) the data dir's.
    serviceEnv.IAM_KEY_ENCRYPTION_KEYS = readFileSync(join(config.dataDir, KEY_FILE_NAME), 'utf8');
  }
  const httpUrl = `http://127.0.0.1:${http}`;
  const managementRoot = `arn:aws:iam::${config.managementAccountId}:root`;
  const minted = new Map<string, Credentials>();
  const credentialsOf = (actor: string): Credentials => {
    let credentials = minted.get(actor);
    if (!credentials) {
      credentials = mintCredentials(serviceEnv, actor);
      minted.set(actor, credentials);
    }
    return credentials;
  };
  const authz = new AuthzClient(`127.0.0.1:${grpcPort}`, {
    token: credentialsOf(`arn:aws:iam::${accountId}:root`).sessionToken,
  });
  return {
    httpUrl,
    authz,
    authzAs: (actor) => authz.withToken(credentialsOf(actor).sessionToken),
    env: serviceEnv,
    managementAccountId: config.managementAccountId,
    async call(action, body, opts = {}) {
      const actor =
        opts.actor ??
        (action === 'CreateAccount' ? managementRoot : `arn:aws:iam::${accountId}:root`);
      return callApi(httpUrl, action, body, {
        credentials: opts.credentials ?? credentialsOf(actor),
        ...(opts.commandId ? { commandId: opts.commandId } : {}),
        ...(opts.raw !== undefined ? { raw: opts.raw } : {}),
      });
    },
    async close() {
      authz.close();
      await app.close();
    },
  };
}
