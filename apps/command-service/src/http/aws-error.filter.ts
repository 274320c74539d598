import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import type { Request, Response } from 'express';

/**
 * Every error leaves the HTTP API in AWS's shape, `{"Error": {"Code", "Message"}}`: a body that
 * is not JSON is a ValidationError, an unknown route is InvalidAction, anything unexpected is
 * logged and answered as ServiceFailure without internals. Routes outside /v1 keep Nest's shape.
 */
@Catch()
export class AwsErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const requestId = randomUUID();
    if (exception instanceof HttpException && !isApiPath(http.getRequest<Request>().path)) {
      // Health and other framework routes keep their own bodies.
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code =
        status === 404 ? 'InvalidAction' : status === 400 ? 'ValidationError' : 'ServiceFailure';
      const message =
        status === 400 && /JSON/i.test(exception.message)
          ? 'The request body is not valid JSON.'
          : exception.message;
      res.status(status).json({ Error: { Code: code, Message: message }, RequestId: requestId });
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    res.status(500).json({
      Error: { Code: 'ServiceFailure', Message: 'The request processing has failed.' },
      RequestId: requestId,
    });
  }
}

/** The API's routes (AWS's error shape, and no framework message that could echo the body). */
const isApiPath = (path: string): boolean => path.startsWith('/v1/') || path === '/signin';
