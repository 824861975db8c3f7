#!/usr/bin/env node
// `npx storybot-ask …` (after npm ci): the ask CLI without npm's banner, so that --json output is pure JSON.
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('../src/cli/ask.ts', import.meta.url);
run(process.argv.slice(2));
