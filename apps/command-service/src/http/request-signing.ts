import type { RawBodyRequest } from '@nestjs/common';
import type { SigV4Request } from '@portcullis/credentials';
import type { Request } from 'express';
import type { RequestOrigin } from '../authentication/request-authenticator';

/** The request as SigV4 sees it: the path and query as received, the exact body bytes. */
export function sigV4RequestOf(req: RawBodyRequest<Request>): SigV4Request {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return {
    method: req.method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: req.headers,
    body: req.rawBody ?? Buffer.alloc(0),
  };
}

export function originOf(req: Request): RequestOrigin {
  const ip = req.socket.remoteAddress;
  return {
    // IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d; aws:SourceIp wants a.b.c.d.
    ...(ip !== undefined ? { sourceIp: ip.startsWith('::ffff:') ? ip.slice(7) : ip } : {}),
    secureTransport: req.secure,
  };
}

/** The SigV4 service names a request for `action` may be signed for. */
export function signingServicesFor(action: string): readonly string[] {
  if (STS_ACTIONS.has(action)) return ['sts'];
  if (action === 'CreateAccount') return ['organizations', 'iam'];
  return ['iam'];
}

export const STS_ACTIONS: ReadonlySet<string> = new Set([
  'GetCallerIdentity',
  'GetSessionToken',
  'AssumeRole',
]);
