#!/usr/bin/env node
import { main } from './command-line.js'

const code = await main(process.argv.slice(2))
if (code !== undefined) process.exitCode = code
