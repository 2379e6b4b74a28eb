#!/usr/bin/env node
// Launcher for the `unbreakable` CLI. In the repository the TypeScript source runs through tsx.
require('tsx/cjs');
require('../cli/main.ts');
