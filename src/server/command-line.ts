import { closeSync, copyFileSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { AuthMode } from '../http/auth.js'
import type { FaultRule } from '../http/faults.js'
import { describeMock } from './control.js'
import { exampleCurl } from './index-page.js'
import { loadFixture, listFixtures, packageRoot } from '../node/fixtures.js'
import { startHeymarketServer, type HeymarketHttpServerOptions } from './http-server.js'
import { describeSessions, describeSource } from './session-routing.js'
import type { SeedSize } from '../seed/generate-dataset.js'
import { assertDataset, type Dataset } from '../store/dataset.js'
import { isColumnarDataset } from '../store/dataset-columns.js'
import { datasetFromText } from '../store/dataset-text.js'
import { startCanonicalCheck } from './canonical-check.js'

const USAGE = `Usage: heymarket-mock <command> [options]

Commands:
  serve             Serve the mock API over HTTP on 127.0.0.1
  init <dir>        Copy msw's mockServiceWorker.js into a public folder (for the browser worker) and record
                    the folder in package.json ("msw": {"workerDirectory"}), as msw init --save does, so that
                    an msw upgrade refreshes the worker; --no-save leaves package.json alone
  fixtures          List the presets in fixtures/
  help              Show this help

Options of serve:
  --port <n>                  Port (default 4010; 0 picks a free one)
  --host <address>            Interface to bind (default 127.0.0.1)
  --seed <n>                  Faker seed of the generated data (default 1)
  --fixture <name|file>       Start from a preset (default, empty-inbox, busy-inbox, ...) or a dataset file
  --conversations <n>         How many conversations to generate (default 200)
  --inboxes <n>  --users <n>  --contacts <n>
  --messages <min-max>        Messages per conversation (default 1-12)
  --anchor <time|now>         Instant the generated history leads up to (default 2026-11-02T17:00:00Z)
  --clock <anchor|wall|time>  Clock: real speed from the anchor (default), the computer's clock,
                              or frozen at an RFC 3339 instant
  --auth <bearer|none|strict> Credential check (default bearer: any Bearer token; strict: JWTs and API keys
                              verified as the service does, with --secret and --api-key)
  --secret <id>:<key>         An API secret for strict auth (repeatable: a team may hold two)
  --api-key <key>             A legacy team API key for strict auth (repeatable)
  --latency <ms|min-max>      Delay every answer (a range gives a seeded random delay)
  --fail <kind>[:<chance>]    Fail requests: 500, 502, 503, 429, network or hang, always or with a chance
                              (e.g. --fail 503:0.1); repeatable
  --rate-limit <n>            Answer 429 after n requests per minute per credential (the service: 500)
  --no-control                Do not serve the /__mock/ control endpoints
  --control-token <token>     Require X-Mock-Control-Token on control requests
  --cors [origin,...]         Allow browser clients (any origin, or the ones given, comma-separated)
  --allowed-hosts <name,...>  Host names to answer besides this address, localhost and IP literals
                              (for containers: --allowed-hosts heymarket-mock; "*" answers any Host)
  --max-body-bytes <n>        Larger request bodies get 413 (default 1048576)
  --webhook-url <url>         POST every webhook event (message_recieved, chat_closed, ...) to this URL
  --max-sessions <n>          At most n sessions (isolated mocks at /sessions/<name>) at a time (default 200)
  --session-idle <minutes>    End a session unused this long (default 30; 0 never)
  --validate-responses        Check every answer against its schema; a drift becomes a 500 naming it
                              (also HEYMARKET_MOCK_VALIDATE_RESPONSES=1)
  --quiet                     Print only the URL
`

class UsageError extends Error {}

function integer(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} must be a whole number of at least ${min}, got ${JSON.stringify(value)}.`)
  return Number(value)
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/**
 * `--cors` takes an optional value, which node:util's parseArgs cannot express: a bare `--cors` (last, or
 * followed by another flag) is rewritten to `--cors=*` before parsing.
 */
function withOptionalValues(args: string[]): string[] {
  return args.map((arg, i) => (arg === '--cors' && (i === args.length - 1 || args[i + 1]!.startsWith('-')) ? '--cors=*' : arg))
}

/**
 * The dataset of `--fixture`: a plain JSON dataset file (an export, or a preset's `.json`) is read record by record
 * (datasetFromText), so that the server never holds the parse tree of the whole file beside its store; anything
 * else (a preset name, a gzipped or column-wise file, a file that is not one JSON object) goes to loadFixture, which
 * reads it whole and says what is wrong with it.
 */
function readFixtureForServe(nameOrPath: string): Dataset {
  if (!/\.json$/i.test(nameOrPath) || !existsSync(nameOrPath)) return loadFixture(nameOrPath)
  const bytes = readSharedBytes(nameOrPath)
  const dataset = bytes[0] === 0x1f && bytes[1] === 0x8b ? undefined : datasetFromText(bytes)
  if (!dataset || isColumnarDataset(dataset)) return loadFixture(nameOrPath)
  assertDataset(dataset, `fixture ${JSON.stringify(nameOrPath)}`)
  stopCheckOf.set(dataset, startCanonicalCheck(dataset, canonicalCheckWorkerUrl()))
  return dataset
}

/** Stops the worker thread that checks a `--fixture` file's records (canonical-check.ts), once they are loaded. */
const stopCheckOf = new WeakMap<Dataset, () => Promise<void>>()

/** A file's bytes in shared memory, so that the worker thread of canonical-check.ts reads them without a copy. */
function readSharedBytes(path: string): Uint8Array {
  const descriptor = openSync(path, 'r')
  try {
    const size = fstatSync(descriptor).size
    const bytes = new Uint8Array(new SharedArrayBuffer(size))
    let read = 0
    while (read < size) {
      const got = readSync(descriptor, bytes, read, size - read, read)
      if (got === 0) break
      read += got
    }
    return read === size ? bytes : bytes.subarray(0, read)
  } finally {
    closeSync(descriptor)
  }
}

/** The worker's module: beside the built command line, or the TypeScript source when run from it (tsx). */
function canonicalCheckWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './canonical-check-worker.ts' : './canonical-check-worker.js', import.meta.url)
}

/** Reads `serve` flags into server options, or throws a UsageError that says which flag is wrong. */
export function parseServeOptions(args: string[]): HeymarketHttpServerOptions & { quiet: boolean } {
  const { values } = parseArgs({
    args: withOptionalValues(args),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      fixture: { type: 'string' },
      conversations: { type: 'string' },
      inboxes: { type: 'string' },
      users: { type: 'string' },
      contacts: { type: 'string' },
      messages: { type: 'string' },
      anchor: { type: 'string' },
      clock: { type: 'string' },
      auth: { type: 'string' },
      secret: { type: 'string', multiple: true },
      'api-key': { type: 'string', multiple: true },
      latency: { type: 'string' },
      fail: { type: 'string', multiple: true },
      'rate-limit': { type: 'string' },
      'no-control': { type: 'boolean' },
      'control-token': { type: 'string' },
      cors: { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'webhook-url': { type: 'string' },
      'validate-responses': { type: 'boolean' },
      'max-sessions': { type: 'string' },
      'session-idle': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  })
  const options: HeymarketHttpServerOptions & { quiet: boolean } = { quiet: values.quiet ?? false }
  const port = integer(values.port, 'port')
  if (port !== undefined) {
    if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}.`)
    options.port = port
  }
  if (values.host !== undefined) options.host = values.host
  const seed = integer(values.seed, 'seed')
  if (seed !== undefined) options.seed = seed
  if (values.fixture !== undefined) {
    if (seed !== undefined) throw new UsageError('--seed and --fixture exclude each other: a fixture already holds its data.')
    options.dataset = readFixtureForServe(values.fixture)
  }
  const size: SeedSize = {}
  const conversations = integer(values.conversations, 'conversations')
  if (conversations !== undefined) size.conversations = conversations
  const inboxes = integer(values.inboxes, 'inboxes', 1)
  if (inboxes !== undefined) size.inboxes = inboxes
  const users = integer(values.users, 'users', 1)
  if (users !== undefined) size.users = users
  const contacts = integer(values.contacts, 'contacts')
  if (contacts !== undefined) size.contacts = contacts
  if (values.messages !== undefined) {
    const match = /^(\d+)-(\d+)$/.exec(values.messages)
    if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1])) {
      throw new UsageError(`--messages must be a range such as 1-12, got ${JSON.stringify(values.messages)}.`)
    }
    size.messagesPerConversation = { min: Number(match[1]), max: Number(match[2]) }
  }
  if (Object.keys(size).length > 0) {
    if (options.dataset) throw new UsageError('Size options (--conversations, ...) do not apply to --fixture.')
    options.size = size
  }
  if (values.anchor !== undefined) options.anchor = values.anchor === 'now' ? new Date() : values.anchor
  if (values.clock !== undefined) options.clock = { start: values.clock }
  if (values.auth !== undefined && !['bearer', 'none', 'strict'].includes(values.auth)) {
    throw new UsageError(`--auth must be bearer, none or strict, got ${JSON.stringify(values.auth)}.`)
  }
  const secrets = (values.secret ?? []).map((text) => {
    const separator = text.indexOf(':')
    if (separator <= 0 || separator === text.length - 1) throw new UsageError(`--secret must be <id>:<key>, got ${JSON.stringify(text)}.`)
    return { id: text.slice(0, separator), key: text.slice(separator + 1) }
  })
  const apiKeys = values['api-key'] ?? []
  if (values.auth === 'strict') {
    if (secrets.length === 0 && apiKeys.length === 0) throw new UsageError('--auth strict needs at least one --secret <id>:<key> or --api-key <key>.')
    options.auth = { mode: 'strict', secrets, apiKeys }
  } else {
    if (secrets.length > 0 || apiKeys.length > 0) throw new UsageError('--secret and --api-key only apply with --auth strict.')
    if (values.auth !== undefined) options.auth = values.auth as AuthMode
  }
  const faults: FaultRule[] = []
  if (values.latency !== undefined) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(values.latency)
    if (!match || (match[2] !== undefined && Number(match[2]) < Number(match[1]))) throw new UsageError(`--latency must be milliseconds or a range such as 50-300, got ${JSON.stringify(values.latency)}.`)
    faults.push({ latencyMs: match[2] === undefined ? Number(match[1]) : [Number(match[1]), Number(match[2])] })
  }
  for (const text of values.fail ?? []) {
    const match = /^(500|502|503|429|network|hang)(?::(0(?:\.\d+)?|1(?:\.0+)?))?$/.exec(text)
    if (!match) throw new UsageError(`--fail must be 500, 502, 503, 429, network or hang, with an optional :chance between 0 and 1, got ${JSON.stringify(text)}.`)
    const kind = match[1]!
    const probability = match[2] === undefined ? undefined : Number(match[2])
    faults.push({
      ...(kind === 'network' ? { network: 'error' as const } : kind === 'hang' ? { network: 'hang' as const } : { status: Number(kind) as 429 | 500 | 502 | 503 }),
      ...(probability !== undefined ? { probability } : {}),
    })
  }
  if (faults.length > 0) options.faults = faults
  if (values['rate-limit'] !== undefined) options.rateLimit = { requestsPerMinute: integer(values['rate-limit'], 'rate-limit', 1)! }
  if (values['no-control']) options.control = false
  if (values['control-token'] !== undefined) options.controlToken = values['control-token']
  if (values.cors !== undefined) {
    const origins = values.cors.split(',').map((origin) => origin.trim()).filter(Boolean)
    options.cors = origins.length === 0 || origins.includes('*') ? true : origins.length === 1 ? origins[0]! : origins
  }
  if (values['allowed-hosts'] !== undefined) {
    const hosts = values['allowed-hosts'].split(',').map((name) => name.trim()).filter(Boolean)
    if (hosts.length === 0) throw new UsageError('--allowed-hosts needs at least one host name (or "*" for any).')
    options.allowedHosts = hosts.includes('*') ? true : hosts
  }
  if (values['webhook-url'] !== undefined) {
    if (!/^https?:\/\/\S+$/.test(values['webhook-url'])) throw new UsageError(`--webhook-url must be an http(s) URL, got ${JSON.stringify(values['webhook-url'])}.`)
    options.webhookUrl = values['webhook-url']
  }
  const maxBodyBytes = integer(values['max-body-bytes'], 'max-body-bytes', 1)
  if (maxBodyBytes !== undefined) options.maxBodyBytes = maxBodyBytes
  if (values['validate-responses']) options.validateResponses = true
  const maxSessions = integer(values['max-sessions'], 'max-sessions', 1)
  if (maxSessions !== undefined) options.maxSessions = maxSessions
  if (values['session-idle'] !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values['session-idle'])) throw new UsageError(`--session-idle must be minutes (0 for never), got ${JSON.stringify(values['session-idle'])}.`)
    options.sessionIdleMs = Math.round(Number(values['session-idle']) * 60_000)
  }
  return options
}

/**
 * Collects what start-up left behind (the file's bytes, what generating or parsing the data made) once, so that
 * the server's resident set is what it holds, not the peak of its start. Without it that garbage stays: an idle
 * server allocates nothing, so V8 never collects it, and at 100,000 conversations it is about 400 MB.
 * @note Node has no API to ask for a collection; `--expose-gc` set at run time and the `gc` of a new context is
 * the known way, and the "last-resort" flavor is V8's memory-reducing collection (it also compacts the pages the
 * parse left half empty). Should a Node ever refuse either, `gc` is missing or the option ignored, and the server
 * merely keeps more memory until V8 collects on its own.
 */
function releaseStartupGarbage(): void {
  try {
    setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as unknown
    if (typeof collect !== 'function') return
    const gc = collect as (options: object) => void
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })
    // Then a plain one. After the memory-reducing collection alone, V8 marked the whole ~450 MB heap again after
    // only 26 MB of growth under load (--trace-gc, 100,000 conversations). With the plain one after it, a list there
    // took 80-82 µs of server CPU per request against 91-93 (interleaved, 2 rounds each) at the same 500 MiB
    // resident; the plain one alone gave 74-78 µs but 600-614 MiB.
    gc({ type: 'major', execution: 'sync' })
  } catch {
    // See the note above: only memory is at stake.
  }
}

async function serve(args: string[]): Promise<void> {
  const { quiet, ...options } = parseServeOptions(args)
  const stopCheck = options.dataset ? stopCheckOf.get(options.dataset) : undefined
  let running: Awaited<ReturnType<typeof startHeymarketServer>>
  try {
    running = await startHeymarketServer(options)
  } finally {
    // Before the start-up garbage is collected: the worker holds the file's bytes until it has ended.
    await stopCheck?.()
  }
  // The dataset is in the store now; the banner below needs its name only.
  const datasetName = options.dataset?.meta.name
  delete options.dataset
  setTimeout(releaseStartupGarbage, 0)
  const summary = await describeMock(running.mock)
  if (quiet) console.log(running.url)
  else {
    const data = datasetName ? `fixture ${datasetName}` : `seed ${summary.seed}`
    console.log(`heymarket-mock ${version()}: the Heymarket API on ${running.url}`)
    console.log(
      `  data:    ${data}: ${summary.counts.conversations} conversations, ${summary.counts.messages} messages, ${summary.counts.inboxes} inboxes, ${summary.counts.users} team members`,
    )
    console.log(`  clock:   ${summary.clock.frozen ? 'frozen at' : 'running from'} ${summary.clock.now}`)
    console.log(`  index:   ${running.url}/  (ids to use, every endpoint)`)
    if (options.control !== false) console.log(`  control: ${running.url}/__mock/  (reset, clock, inbound messages)`)
    const [sessionsWhat, sessionsHow] = describeSessions(running.url, describeSource(options), options.maxSessions, options.sessionIdleMs)
    console.log(`  sessions: ${sessionsWhat}`)
    console.log(`            ${sessionsHow}`)
    if (options.webhookUrl) console.log(`  webhooks: POSTed to ${options.webhookUrl}`)
    console.log('Try:')
    console.log(`  ${exampleCurl(running.url, summary)}`)
    console.log('Press Ctrl+C to stop.')
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`heymarket-mock: ${signal} again, exiting now.`)
      process.exit(1)
    }
    stopping = true
    if (!quiet) console.log(`heymarket-mock: ${signal}, finishing in-flight requests…`)
    void running.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

/**
 * Copies the `mockServiceWorker.js` of the msw installed in the current project (so that its version matches)
 * into a public folder, as `msw init` does.
 */
export function init(args: string[]): void {
  const save = !args.includes('--no-save')
  const [directory, ...rest] = args.filter((arg) => arg !== '--no-save' && arg !== '--save')
  if (!directory || directory.startsWith('-') || rest.length > 0) throw new UsageError('init takes one argument: the public folder, e.g. heymarket-mock init public')
  const projectRequire = createRequire(join(process.cwd(), 'package.json'))
  let source: string
  let mswVersion = 'unknown'
  try {
    source = projectRequire.resolve('msw/mockServiceWorker.js')
    mswVersion = (JSON.parse(readFileSync(projectRequire.resolve('msw/package.json'), 'utf8')) as { version: string }).version
  } catch {
    throw new Error('msw is not installed in this project, and the worker script comes from it. Please run npm install msw first.')
  }
  mkdirSync(directory, { recursive: true })
  const target = join(directory, 'mockServiceWorker.js')
  copyFileSync(source, target)
  console.log(`Copied msw ${mswVersion}'s worker script to ${target}. Serve that folder at the root of your site, or pass serviceWorkerUrl to startHeymarketWorker.`)
  if (save) recordWorkerDirectory(directory)
}

/**
 * Adds the folder to `msw.workerDirectory` in the project's package.json (what `msw init --save` writes): msw's
 * own install script then copies the new worker there whenever msw is upgraded.
 */
function recordWorkerDirectory(directory: string): void {
  const file = join(process.cwd(), 'package.json')
  if (!existsSync(file)) return
  const text = readFileSync(file, 'utf8')
  const pkg = JSON.parse(text) as { msw?: { workerDirectory?: string | string[] } & Record<string, unknown> }
  const folder = relative(process.cwd(), resolve(directory)).split(sep).join('/') || '.'
  const current = pkg.msw?.workerDirectory
  const folders = current === undefined ? [] : Array.isArray(current) ? current : [current]
  if (folders.includes(folder)) return
  pkg.msw = { ...pkg.msw, workerDirectory: [...folders, folder] }
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  '
  writeFileSync(file, `${JSON.stringify(pkg, null, indent)}\n`)
  console.log(`Recorded ${folder} in package.json ("msw": {"workerDirectory"}), so that an msw upgrade updates the worker there (--no-save to skip).`)
}

/** Runs the command line; resolves to the process exit code for failures, or stays running for `serve`. */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...args] = argv
  try {
    // `heymarket-mock serve --help` (or any command's) shows the help instead of refusing the flag.
    if (command !== undefined && (args.includes('--help') || args.includes('-h'))) {
      console.log(USAGE)
      return 0
    }
    switch (command) {
      case 'serve':
        await serve(args)
        return undefined
      case 'init':
        init(args)
        return 0
      case 'fixtures':
        console.log(listFixtures().join('\n'))
        return 0
      case '--version':
      case '-v':
        console.log(version())
        return 0
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE)
        return 0
      default:
        throw new UsageError(`Unknown command ${JSON.stringify(command)}.`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`heymarket-mock: ${error.message}\n\n${USAGE}`)
      return 2
    }
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `${(error as Error).message}: the port is taken. Please pick another with --port (0 picks a free one).`
      : (error as Error).message
    console.error(`heymarket-mock: ${reason}`)
    return 1
  }
}
