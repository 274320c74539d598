import type { INestApplication } from '@nestjs/common';
import { connectBackends, loadConfig, startService } from '@portcullis/platform';
import { portcullisService } from '../../apps/portcullis/src/portcullis.service';
import { AuthzClient } from './authz-client';
import { freePort } from './free-port';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface Harness {
  httpUrl: string;
  authz: AuthzClient;
  /** `POST /v1/{action}` in the harness's account; `actor` defaults to the account's root. */
  call(
    action: string,
    body: unknown,
    opts?: { actor?: string; commandId?: string; raw?: string },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Runs the all-in-one service in this process, on free ports, over the backends `env` names. */
export async function startPortcullis(
  env: NodeJS.ProcessEnv,
  accountId = '123456789012',
): Promise<Harness> {
  const [http, grpcPort] = [await freePort(), await freePort()];
  const config = loadConfig({
    ...env,
    IAM_HTTP_PORT: String(http),
    IAM_GRPC_PORT: String(grpcPort),
  });
  const backends = await connectBackends(config);
  let app: INestApplication;
  try {
    app = await startService(portcullisService, config, backends);
  } catch (e) {
    await backends.close();
    throw e;
  }
  const httpUrl = `http://127.0.0.1:${http}`;
  const authz = new AuthzClient(`127.0.0.1:${grpcPort}`);
  return {
    httpUrl,
    authz,
    async call(action, body, opts = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-portcullis-account': accountId,
      };
      if (opts.actor) headers['x-portcullis-actor'] = opts.actor;
      if (opts.commandId) headers['idempotency-key'] = opts.commandId;
      const res = await fetch(`${httpUrl}/v1/${action}`, {
        method: 'POST',
        headers,
        body: opts.raw ?? JSON.stringify(body),
      });
      return {
        status: res.status,
        headers: res.headers,
        body: (await res.json()) as Record<string, unknown>,
      };
    },
    async close() {
      authz.close();
      await app.close();
    },
  };
}
