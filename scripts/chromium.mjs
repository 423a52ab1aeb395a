#!/usr/bin/env node
/**
 * Finds a Chromium for the browser tests, or gets one. `npm run test:browser` (and so `npm test`) runs
 * `node scripts/chromium.mjs --ensure` first; playwright.config.ts calls findChromium() to use what was found.
 *
 * Looked for, in this order:
 *   1. $CHROMIUM_PATH (an executable file; a wrong path is an error, not a silent fallback)
 *   2. the browser Playwright downloaded (`npx playwright install chromium`)
 *   3. the system's Chromium: /usr/bin/chromium, /usr/bin/chromium-browser, or `chromium` on PATH
 * Got, when none is there (`--ensure`), in this order:
 *   1. Playwright's own download (works where its download hosts are reachable)
 *   2. Debian's `chromium` package through apt-get, when this user is root or has password-less sudo
 *   3. otherwise: exit 1 with a message naming the one command to run
 * HEYMARKET_NO_BROWSER_INSTALL=1 skips getting one (only the message).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The path of Playwright's own Chromium when it is installed, else undefined. */
function playwrightChromium() {
  try {
    const path = require('playwright-core').chromium.executablePath()
    return isExecutableFile(path) ? path : undefined
  } catch {
    return undefined
  }
}

function onPath(name) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && isExecutableFile(join(folder, name))) return join(folder, name)
  }
  return undefined
}

/**
 * `{ source, executablePath }` of the Chromium to use, or undefined when there is none. `executablePath` is
 * undefined for Playwright's own browser (Playwright then picks its headless build itself).
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new Error(`CHROMIUM_PATH is ${JSON.stringify(fromEnv)}, which is not an executable file. Please point it at a Chromium binary or unset it.`)
    return { source: '$CHROMIUM_PATH', executablePath: fromEnv }
  }
  const own = playwrightChromium()
  if (own) return { source: "Playwright's own Chromium", executablePath: undefined }
  for (const path of SYSTEM_PATHS) if (isExecutableFile(path)) return { source: 'the system Chromium', executablePath: path }
  const found = onPath('chromium') ?? onPath('chromium-browser')
  if (found) return { source: 'the system Chromium', executablePath: found }
  return undefined
}

function log(message) {
  console.log(`test:browser: ${message}`)
}

/** Runs a command; with `quietly`, its output is shown only when it fails, and then only its last lines. */
function run(command, args, { quietly = false } = {}) {
  log(`running ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: quietly ? 'pipe' : 'inherit', encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (quietly && result.status !== 0) {
    const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter((line) => !/^\s+at /.test(line))
    log(`it failed: ${lines.filter((line) => /error/i.test(line)).slice(-2).join(' / ') || lines.slice(-1)[0]}`)
  }
  return result.status === 0
}

function canUseApt() {
  if (!onPath('apt-get')) return undefined
  if (process.getuid?.() === 0) return []
  if (!onPath('sudo')) return undefined
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' })
    return ['sudo']
  } catch {
    return undefined
  }
}

/** Finds a Chromium or gets one; returns what findChromium() gives afterwards, or exits with a message. */
export function ensureChromium() {
  const found = findChromium()
  if (found) return found
  const skipInstall = process.env.HEYMARKET_NO_BROWSER_INSTALL === '1'
  if (!skipInstall) {
    log("no Chromium found ($CHROMIUM_PATH, Playwright's own, /usr/bin/chromium); trying Playwright's download")
    const playwrightCli = join(fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url)))
    if (existsSync(playwrightCli) && run(process.execPath, [playwrightCli, 'install', 'chromium'], { quietly: true }) && findChromium()) return findChromium()
    const prefix = canUseApt()
    if (prefix) {
      log("Playwright's download did not work; installing Debian's chromium package with apt-get")
      const [command, ...rest] = [...prefix, 'apt-get']
      if (run(command, [...rest, 'update', '-qq']) && run(command, [...rest, 'install', '-y', '-qq', 'chromium']) && findChromium()) return findChromium()
    }
  }
  const command = onPath('apt-get') ? 'sudo apt-get install chromium' : 'npx playwright install chromium'
  console.error(
    `test:browser: no Chromium for the browser tests${skipInstall ? ' (HEYMARKET_NO_BROWSER_INSTALL=1: nothing installed)' : ', and none could be installed'}.\n` +
      `Please run:  ${command}\n` +
      'or set CHROMIUM_PATH to a Chromium binary, then run npm test again.',
  )
  process.exit(1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--ensure')) {
  const { source, executablePath } = ensureChromium()
  log(`using ${source}${executablePath ? ` (${executablePath})` : ''}`)
}
