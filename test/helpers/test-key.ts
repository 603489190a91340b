/**
 * One encryption key for every test process (global setup seeds the template with it, test
 * apps and seeds read it), so no test writes a key file into the working copy's ./data.
 */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
process.env.ROUNDTABLE_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
