import type { INestApplication } from '@nestjs/common';
import { AwsErrorFilter } from './aws-error.filter';
import { serveOpenApi } from './openapi.http';

/** HTTP API settings shared by every process that serves it. */
export function configureHttpApi(app: INestApplication): void {
  app.useGlobalFilters(new AwsErrorFilter());
  serveOpenApi(app);
}
