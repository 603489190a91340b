import { auditChainModule, coreModules } from '../core/core.module';
import type { ModuleManifest } from '../core/module';
import { collaborativesModule } from './collaboratives/collaboratives.module';
import { directoryModule } from './directory/directory.module';
import { dataModule } from './data/data.module';
import { strategyModule } from './strategy/strategy.module';
import { intakeModule } from './intake/intake.module';
import { mappingModule } from './mapping/mapping.module';
import { notificationsModule } from './notifications/notifications.module';
import { pathwaysModule } from './pathways/pathways.module';
import { exchangeModule } from './exchange/exchange.module';
import { assessmentsModule } from './assessments/assessments.module';

/** Every module, core first, in the order their migrations and seeds run. */
export const allModules: ModuleManifest[] = [...coreModules, collaborativesModule, directoryModule, dataModule, strategyModule, intakeModule, mappingModule, notificationsModule, pathwaysModule, assessmentsModule, exchangeModule, auditChainModule];
