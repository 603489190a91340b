import { loadConfig } from '../../src/config';
import { useEncryptionConfig } from '../../src/modules/intake/intake.crypto';

/**
 * One encryption key for the database tests: global setup seeds the template with it and test
 * apps read with it, so no test writes a key file into the working copy's ./data. It is handed
 * to the intake module of this process only; the environment (inherited by browser-test
 * servers, which keep their own key file) is left alone.
 */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export function useTestEncryptionKey(): void {
  useEncryptionConfig(loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv));
}
