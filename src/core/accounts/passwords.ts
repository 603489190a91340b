import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

const commonPasswords = dictionary['passwords-common'];

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export { PASSWORD_MIN, PASSWORD_MAX } from './password-rules';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-but-as-long');
  await verifyPassword(await dummyHash, password);
}

/** The password of the demo accounts, published in the README. */
export const PUBLISHED_DEMO_PASSWORD = 'roundtable-demo';

export function isDemoPassword(password: string): boolean {
  return password.trim().toLowerCase().includes(PUBLISHED_DEMO_PASSWORD);
}

let common: Set<string> | undefined;

/**
 * Common and breached passwords: the list zxcvbn-ts maintains from public breach corpora
 * (about 49,000 entries, shipped in the npm package, so no network). A password also counts
 * as common when it is a listed one with digits or symbols added before or after
 * (`password1234`, `!qwerty2024`).
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((commonPasswords as string[]).map((p) => p.toLowerCase()));
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return core.length >= 4 && common.has(core);
}
