import { operationsFromOpenApi, type IamOperation, type OpenApiLike } from './iam-operations';

type OpenApiModule = typeof import('../../../command-service/src/http/openapi.document');

let cached: IamOperation[] | undefined;

/**
 * Actions the API answers that its OpenAPI document does not describe (it covers the command
 * catalog), written by hand: STS's GetCallerIdentity, signed for `sts`.
 */
export const EXTRA_OPERATIONS: readonly IamOperation[] = [
  {
    action: 'GetCallerIdentity',
    command: 'get-caller-identity',
    kind: 'read',
    params: [],
    summary: 'who the credentials belong to: UserId, Account, Arn (STS; needs no permission)',
  },
];

/** The document's operations plus the extra ones it lacks, sorted by command name. */
export function withExtraOperations(fromDocument: readonly IamOperation[]): IamOperation[] {
  const known = new Set(fromDocument.map((op) => op.action));
  return [...fromDocument, ...EXTRA_OPERATIONS.filter((op) => !known.has(op.action))].sort(
    (a, b) => (a.command < b.command ? -1 : 1),
  );
}

/**
 * The operations of this build's API: its OpenAPI document, generated from the command catalog
 * and its DTOs (the same document `GET /openapi.json` serves), so a new action is a new
 * `portcullis iam` command with nothing written by hand (EXTRA_OPERATIONS aside). Loaded on first
 * use: the catalog and class-validator take a moment the `policy` commands should not pay.
 */
export function iamOperations(): IamOperation[] {
  if (!cached) {
    // A synchronous, lazy load (tsx's CommonJS hook does not compile dynamic import()).
    const { buildOpenApiDocument } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../../command-service/src/http/openapi.document') as OpenApiModule;
    cached = withExtraOperations(
      operationsFromOpenApi(buildOpenApiDocument() as unknown as OpenApiLike),
    );
  }
  return cached;
}
