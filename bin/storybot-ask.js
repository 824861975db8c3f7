#!/usr/bin/env node
// `npx storybot-ask …` (after npm ci, which builds dist/): the compiled ask CLI without npm's banner, so that
// --json output is pure JSON.
import { run } from '../dist/src/cli/ask.js';

run(process.argv.slice(2));
