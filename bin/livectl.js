#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { nodeDeps } from '../dist/platform/node-deps.js';

process.exitCode = await main(process.argv, nodeDeps());
