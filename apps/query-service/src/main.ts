import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { Backends, bootstrapService, PlatformModule } from '@portcullis/platform';
import { grpcOptions } from './grpc-options';
import { QueryServiceModule } from './query-service.module';

@Module({})
class QueryServiceApp {
  static register(backends: Backends): DynamicModule {
    return {
      module: QueryServiceApp,
      imports: [PlatformModule.forRoot(backends), QueryServiceModule],
    };
  }
}

void bootstrapService({
  name: 'query-service',
  module: (backends) => QueryServiceApp.register(backends),
  grpc: (config) => grpcOptions(config.grpcPort),
});
