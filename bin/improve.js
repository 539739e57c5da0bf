#!/usr/bin/env node
// The `improve` command. Runs the built CLI when installed from the registry; in a source checkout
// it loads the TypeScript entry directly (Node >= 22.18 strips types itself).
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli/main.js', import.meta.url);
const installed = existsSync(built);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  // A source checkout brings its own Node 24 (the `node` dev dependency) to every npm script; an installed package cannot.
  const fix = installed
    ? 'install Node 22.13 or newer (https://nodejs.org, or your version manager: nvm install 24)'
    : 'run it through npm in this checkout (npm run improve -- <dir>), which uses the Node 24 it installs';
  console.error(`improve: needs Node >= 22.13 (this is ${process.version}); ${fix}`);
  process.exit(2);
}
await import(installed ? built : new URL('../src/cli/main.ts', import.meta.url));
