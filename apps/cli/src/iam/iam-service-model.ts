import { operationsFromOpenApi, type IamOperation, type OpenApiLike } from './iam-operations';

type OpenApiModule = typeof import('../../../command-service/src/http/openapi.document');

let cached: IamOperation[] | undefined;

/**
 * The operations of this build's API: its OpenAPI document, generated from the command catalog
 * and its DTOs (the same document `GET /openapi.json` serves), so a new action is a new
 * `portcullis iam` command with nothing written by hand. Loaded on first use: the catalog and
 * class-validator take a moment the `policy` commands should not pay.
 */
export function iamOperations(): IamOperation[] {
  if (!cached) {
    // A synchronous, lazy load (tsx's CommonJS hook does not compile dynamic import()).
    const { buildOpenApiDocument } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../../command-service/src/http/openapi.document') as OpenApiModule;
    cached = operationsFromOpenApi(buildOpenApiDocument() as unknown as OpenApiLike);
  }
  return cached;
}
