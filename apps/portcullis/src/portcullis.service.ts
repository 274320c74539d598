import type { ServiceDefinition } from '@portcullis/platform';
import { configureHttpApi } from '../../command-service/src/http/configure-http-api';
import { grpcOptions } from '../../query-service/src/grpc-options';
import { PortcullisModule } from './portcullis.module';

/** The all-in-one process: command, projector and query roles. */
export const portcullisService: ServiceDefinition = {
  name: 'portcullis',
  module: (backends) => PortcullisModule.register(backends),
  grpc: (config) => grpcOptions(config.grpcPort),
  configure: configureHttpApi,
};
