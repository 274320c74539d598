/**
 * How a command on `iam.commands` proves who sent it. Unsigned commands are refused with
 * AccessDenied in the reply. Two ways, as Kafka record headers:
 *
 * - **Signed with the actor's access key** (other microservices): the record is signed exactly
 *   as an AWS SigV4 `POST https://iam-commands.portcullis/` with the record value as the body,
 *   service `iam`, the configured region; the headers the signature produced travel as record
 *   headers (`authorization`, `x-amz-date`, `x-amz-content-sha256` if any, and
 *   `x-amz-security-token` with temporary credentials). `@smithy/signature-v4` or any SigV4
 *   signer does this. The envelope's `actor` must be the key's principal (for an assumed-role
 *   session, its `arn:aws:sts::…:assumed-role/…` ARN); the signing time must be within 5 minutes
 *   of the record's timestamp.
 * - **From a Portcullis service** (the HTTP edge forwarding a request it authenticated, the
 *   bootstrap): `portcullis-service-signature: <keyId>:<base64 HMAC-SHA256 of the value>` with a
 *   key derived from the key-encryption key `keyId` (purpose `command-signing`). The envelope's
 *   `actor` and `caller` are then taken as the service states them.
 */
export const COMMAND_SIGNING_HOST = 'iam-commands.portcullis';
export const COMMAND_SIGNING_PATH = '/';
export const SERVICE_SIGNATURE_HEADER = 'portcullis-service-signature';
/** The SigV4 headers a signed command carries as record headers. */
export const COMMAND_SIGV4_HEADERS = [
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
] as const;
