import { existsSync } from 'fs';
import { resolve } from 'path';

export const AUTHZ_PROTO_PACKAGE = 'portcullis.authz.v1';

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
