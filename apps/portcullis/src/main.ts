import 'reflect-metadata';
import { bootstrapService } from '@portcullis/platform';
import { portcullisService } from './portcullis.service';

void bootstrapService(portcullisService);
