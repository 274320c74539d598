import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi.document';

/**
 * Serves the OpenAPI document at `GET /openapi.json` (and `/openapi.yaml`), with Swagger UI at
 * `/docs`. The document is built from the command catalog on first request.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Portcullis IAM API',
  });
}
