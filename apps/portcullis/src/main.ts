import 'reflect-metadata';
import { bootstrapService } from '@portcullis/platform';
import { portcullisService } from './portcullis.service';
import { tuneV8ForChecks } from '../../query-service/src/gc-tuning';

tuneV8ForChecks();
void bootstrapService(portcullisService);
