#!/usr/bin/env node
// The `improve` command. Runs the built CLI when installed from the registry; in a source checkout
// it loads the TypeScript entry directly (Node >= 22.18 strips types itself).
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`improve: needs Node >= 22.13 (this is ${process.version}); run it through npm (npx improve) or install a newer Node`);
  process.exit(2);
}
const built = new URL('../dist/src/cli/main.js', import.meta.url);
await import(existsSync(built) ? built : new URL('../src/cli/main.ts', import.meta.url));
