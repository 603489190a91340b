/**
 * Seeds the demo once for the whole browser project: a server starts on a template data
 * directory, loads the demo data and stops. Each test file's harness then copies that
 * directory and starts on the copy (the seeds find their data and skip), instead of seeding
 * the demo again: about half a minute saved per file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/server';
import { ensureWebBuilt } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    browserTemplateDir: string;
  }
}

let dir: string | undefined;

export async function setup(project: TestProject) {
  ensureWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-browser-template-'));
  const server = await startServer(loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', ROUNDTABLE_DEMO: 'true', LOG_LEVEL: 'warn' }), { quiet: true });
  await server.close();
  project.provide('browserTemplateDir', dir);
}

export async function teardown() {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
