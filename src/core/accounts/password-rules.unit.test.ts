import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChangePasswordBody, CreateUserBody } from './accounts.schema';
import { PASSWORD_MAX, PASSWORD_MIN, newPasswordText, passwordText } from './password-rules';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

describe('password rules shared by the server and the web', () => {
  it('imports nothing but zod, so the web bundle can use it', () => {
    const imports = [...fs.readFileSync(path.join(here, 'password-rules.ts'), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['zod']);
  });
  it('is what the server schema and the web forms use, with no copy of the numbers in the web', () => {
    expect(CreateUserBody.shape.password.safeParse('x'.repeat(PASSWORD_MAX + 1)).success).toBe(false);
    expect(ChangePasswordBody.shape.newPassword.safeParse('x'.repeat(PASSWORD_MAX + 1)).success).toBe(false);
    for (const f of ['web/src/modules/accounts/AccountPage.tsx', 'web/src/modules/accounts/UsersPage.tsx']) {
      const src = fs.readFileSync(path.join(root, f), 'utf8');
      expect(src).toContain('core/accounts/password-rules');
      expect(src).not.toMatch(/accounts\/(passwords|accounts\.schema)'|\.min\(12\b|\.max\(256\)/);
    }
  });
  it('requires a new password first, then at least 12 and at most 256 characters', () => {
    expect(PASSWORD_MIN).toBe(12);
    const issue = (s: string) => newPasswordText.safeParse(s).error?.issues[0];
    expect(issue('')).toMatchObject({ code: 'too_small', minimum: 1 });
    expect(issue('x'.repeat(11))).toMatchObject({ code: 'too_small', minimum: PASSWORD_MIN });
    expect(issue('x'.repeat(12))).toBeUndefined();
    expect(issue('x'.repeat(257))).toMatchObject({ code: 'too_big', maximum: PASSWORD_MAX });
    expect(passwordText.safeParse('').success).toBe(false);
    expect(passwordText.safeParse('any').success).toBe(true);
  });
});
