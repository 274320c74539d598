import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { Backends, bootstrapService, PlatformModule } from '@portcullis/platform';
import { ProjectorModule } from './projector.module';

@Module({})
class ProjectorApp {
  static register(backends: Backends): DynamicModule {
    return { module: ProjectorApp, imports: [PlatformModule.forRoot(backends), ProjectorModule] };
  }
}

void bootstrapService({ name: 'projector', module: (backends) => ProjectorApp.register(backends) });
