/**
 * The database project runs its files one after another in each worker (`isolate: false`), so
 * a file starts with what the files before it left in the process. Put back what one may change:
 * the environment, and the intake module's bound database and keys.
 */
import { forgetEncryptionState } from '../../src/modules/intake/intake.crypto';
import { useTestEncryptionKey } from './test-key';

const first = globalThis as { rtFirstEnv?: NodeJS.ProcessEnv };
first.rtFirstEnv ??= { ...process.env };
for (const name of Object.keys(process.env)) if (!(name in first.rtFirstEnv)) delete process.env[name];
Object.assign(process.env, first.rtFirstEnv);

forgetEncryptionState();
useTestEncryptionKey();
