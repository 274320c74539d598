import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Backends, connectBackends } from './backends';
import { loadConfig, PortcullisConfig } from './config';

export interface ServiceDefinition {
  name: string;
  /** Whether this process uses the read models (default true). */
  readModels?: boolean;
  module(backends: Backends): DynamicModule;
  /** gRPC server options, for roles that serve gRPC. */
  grpc?(config: PortcullisConfig): MicroserviceOptions;
  configure?(app: INestApplication): void;
}

/**
 * Starts one process: reaches its backends (bounded retry), then serves HTTP (API and health)
 * and gRPC if asked. A dependency that cannot be reached ends the process with one log line
 * naming it and a non-zero exit, not a hang or a stack trace.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = new Logger(definition.name);
  let backends: Backends;
  let config: PortcullisConfig;
  try {
    config = loadConfig();
    backends = await connectBackends(config, { readModels: definition.readModels ?? true });
  } catch (error) {
    // Expected failures (DependencyUnreachableError, ConfigError) carry a complete message.
    logger.error(
      `${definition.name} cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  try {
    const app = await startService(definition, config, backends);
    logger.log(
      `ready: HTTP :${config.httpPort}${definition.grpc ? `, gRPC :${config.grpcPort}` : ''} (${backends.description})`,
    );
    return app;
  } catch (error) {
    logger.error(
      `${definition.name} cannot start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await backends.close();
    process.exit(1);
  }
}

/** Builds and starts the Nest application of a service over already-connected backends. */
export async function startService(
  definition: ServiceDefinition,
  config: PortcullisConfig,
  backends: Backends,
): Promise<INestApplication> {
  const app = await NestFactory.create(definition.module(backends), {
    abortOnError: false,
    // The exact bytes of a request body: SigV4 signs them.
    rawBody: true,
    logger: config.logLevel === 'silent' ? false : undefined,
  });
  app.enableShutdownHooks();
  definition.configure?.(app);
  if (definition.grpc) {
    app.connectMicroservice<MicroserviceOptions>(definition.grpc(config));
    await app.startAllMicroservices();
  }
  await app.listen(config.httpPort, '0.0.0.0');
  return app;
}
