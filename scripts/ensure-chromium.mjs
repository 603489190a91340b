#!/usr/bin/env node
// Browser tests drive Debian's Chromium at /usr/bin/chromium; they never download a browser.
// As root, install it with apt; otherwise say how, and fail.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    for (const args of [['update'], ['install', '-y', 'chromium']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
    if (!existsSync(CHROMIUM)) {
      console.error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
      process.exit(1);
    }
  } else {
    console.error('Browser tests need Chromium: run `sudo apt-get install -y chromium`');
    process.exit(1);
  }
}
