import { Module } from '@nestjs/common';
import { CheckGrpcController } from './check/check.grpc.controller';
import { CheckService } from './check/check.service';

@Module({ controllers: [CheckGrpcController], providers: [CheckService] })
export class QueryServiceModule {}
