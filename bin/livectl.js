#!/usr/bin/env node
import { main, nodeDeps } from '../dist/cli/launch.js';

process.exitCode = await main(process.argv, nodeDeps());
