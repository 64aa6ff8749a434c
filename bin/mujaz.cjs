#!/usr/bin/env node
// The `mujaz` command as npm installs it: the TypeScript CLI run through tsx.
require('tsx/cjs');
require('../cli/main.ts');
