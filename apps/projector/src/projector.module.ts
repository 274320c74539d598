import { Module } from '@nestjs/common';
import { ProjectorRunner } from './projector.runner';

@Module({ providers: [ProjectorRunner], exports: [ProjectorRunner] })
export class ProjectorModule {}
