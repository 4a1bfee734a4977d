#!/usr/bin/env node
import { main, nodeDeps } from '../dist/bundle/livectl.js';

process.exitCode = await main(process.argv, nodeDeps());
