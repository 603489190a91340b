#!/usr/bin/env node
// The `roundtable` command. TypeScript runs through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
