import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject } from 'vitest';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'roundtable-demo';
export const SHOTS = '/tmp/rt-shots';

/** Builds the web app when it is missing or older than its sources (the server serves web/dist). */
export function ensureWebBuilt() {
  execFileSync(process.execPath, [path.join(root, 'scripts/web-build.mjs')], { cwd: root, stdio: 'inherit' });
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/** The demo seeded once by test/browser/global-setup.ts, when the project ran it. */
function seededTemplate(): string | undefined {
  try {
    const dir = inject('browserTemplateDir');
    return dir && fs.existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A real server on a random port with its own copy of the demo data (seeded once per run by
 * the project's global setup, or here when there is none), and headless Debian Chromium.
 * Never downloads a browser.
 */
export async function startHarness(): Promise<Harness> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-browser-'));
  const template = seededTemplate();
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  const server = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ROUNDTABLE_DEMO: 'true', LOG_LEVEL: 'warn' }), { quiet: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    server,
    browser,
    url: server.url,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export async function newPage(h: Harness, opts: { width?: number; height?: number; storageState?: StorageState } = {}): Promise<Page> {
  const context = await h.browser.newContext({
    baseURL: h.url,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: 'en-CA',
    storageState: opts.storageState,
  });
  const page = await context.newPage();
  const violations: string[] = [];
  cspViolations.set(page, violations);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return page;
}

/** Content-security-policy violations each page reported; expectAccessible fails on any. */
const cspViolations = new WeakMap<Page, string[]>();

const sessions = new WeakMap<Harness, Map<string, StorageState>>();

/**
 * A page already signed in as `email`. Signs in through the form once per account and server,
 * then reuses the session cookie, because sign-in is rate limited (10 a minute).
 */
export async function signedInPage(h: Harness, email: string, opts: { width?: number; height?: number } = {}): Promise<Page> {
  let byEmail = sessions.get(h);
  if (!byEmail) sessions.set(h, (byEmail = new Map()));
  let state = byEmail.get(email);
  if (!state) {
    const page = await newPage(h);
    await signIn(page, email);
    state = await page.context().storageState();
    byEmail.set(email, state);
    await page.context().close();
  }
  const page = await newPage(h, { ...opts, storageState: state });
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/** Signs in through the sign-in form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel(/^Email address|^Adresse courriel/).fill(email);
  await page.getByLabel(/^Password|^Mot de passe/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** Runs axe-core for WCAG 2.1 A/AA and fails on serious or critical violations, printing them. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const report = bad
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`)
      .join('\n');
    console.error(`axe violations on ${label}:\n${report}`);
  }
  expect(bad.map((v) => `${label}: ${v.id}`)).toEqual([]);
  expect(results.passes.length, 'axe ran its rules').toBeGreaterThan(10);
  expect(cspViolations.get(page) ?? [], `${label}: content security policy violations`).toEqual([]);
}

/**
 * Screenshots are for people to look at. They are taken locally and not in CI (`CI` set), where
 * no one looks and they cost minutes; RT_SCREENSHOTS=1 or 0 decides either way. The checks are
 * the same with or without them.
 */
export const SCREENSHOTS = process.env.RT_SCREENSHOTS ? process.env.RT_SCREENSHOTS === '1' : !process.env.CI;

/**
 * Saves a screenshot of a page or of one element when screenshots are on. Without them an
 * element is still waited for until visible, as taking its screenshot would.
 */
export async function saveScreenshot(target: Page | Locator, file: string, opts: { fullPage?: boolean } = {}) {
  if (!SCREENSHOTS) {
    if ('waitFor' in target) await target.waitFor({ state: 'visible' });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if ('waitFor' in target) await target.screenshot({ path: file });
  else await target.screenshot({ path: file, fullPage: opts.fullPage });
}

export async function screenshot(page: Page, name: string) {
  await saveScreenshot(page, path.join(SHOTS, `${name}.png`), { fullPage: true });
}
