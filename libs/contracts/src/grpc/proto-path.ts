import { existsSync } from 'fs';
import { resolve } from 'path';

export const AUTHZ_PROTO_PACKAGE = 'portcullis.authz.v1';

/**
 * How servers and clients here load the proto (@grpc/proto-loader options): field names as
 * written (snake_case), oneofs with a discriminator, enums and int64 as strings, defaults set.
 */
export const AUTHZ_PROTO_LOADER_OPTIONS = {
  keepCase: true,
  oneofs: true,
  enums: String,
  defaults: true,
  longs: String,
} as const;

/**
 * Where authorization.proto lives: beside the sources in the repo, and copied next to the
 * compiled output by the build (see package.json "build").
 */
export function authorizationProtoPath(): string {
  const candidates = [
    resolve(__dirname, '../../proto/authorization.proto'),
    resolve(process.cwd(), 'libs/contracts/proto/authorization.proto'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`authorization.proto not found (looked in ${candidates.join(', ')})`);
  return found;
}
