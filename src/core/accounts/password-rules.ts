import { z } from 'zod';

/**
 * The password length rules, shared by the server (accounts.schema.ts, passwords.ts) and the
 * web forms. This file imports zod only — never argon2 or anything else server-side — so the
 * web bundle imports it (AccountPage, UsersPage) instead of copying the numbers.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * A new password's length: required (an empty field says so first), then at least PASSWORD_MIN
 * and at most PASSWORD_MAX characters. No messages of its own: the web's form messages say
 * "Enter at least 12 characters" from the rule itself. The server checks the length again, with common and demo passwords, in
 * accounts.service.ts.
 */
export const newPasswordText = z.string().min(1).min(PASSWORD_MIN).max(PASSWORD_MAX);

/** A password being checked (sign-in, current password): present and not absurdly long. */
export const passwordText = z.string().min(1).max(PASSWORD_MAX);
