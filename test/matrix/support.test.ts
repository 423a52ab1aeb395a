import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'


/**
 * The support matrix of the README, each row run for real: the packed package (`npm pack`) installed into a fresh
 * project outside this repository with one msw and one test runner, and that project's test run on Node 20, 22
 * and 24. Node 22 comes from the `node` package of the registry (installed into the temporary folder); Node 24 is
 * this repository's own; Node 20 is the system's, when it is Node 20.
 * Set HEYMARKET_MATRIX=0 to leave the matrix out (it installs packages, which takes a minute or two).
 */
const root = new URL('../../', import.meta.url).pathname
const work = join(tmpdir(), `heymarket-mock-matrix-${process.pid}`)
const enabled = process.env.HEYMARKET_MATRIX !== '0'
const MSW = { '2.12': '2.12.0', '2.latest': '^2', '3': '^3' } as const
type MswLine = keyof typeof MSW

const nodes: Record<'20' | '22' | '24', string | undefined> = { '20': undefined, '22': undefined, '24': `${root}node_modules/node/bin/node` }

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 })
}

const TEST_BODY = `
  const inbox = mock.db.inbox.findFirst()
  const conversation = mock.db.conversation.findFirst((q) => q.where({ inbox: inbox.id, status: 'open' }))
  const response = await fetch('https://api.heymarket.com/v1/conversations/close', {
    method: 'POST',
    headers: { Authorization: 'Bearer test', 'Content-Type': 'application/json' },
    body: JSON.stringify({ inbox_id: inbox.id, chat_id: conversation.id, user_id: inbox.members[0] }),
  })
  expect(await response.json()).toBe('ok')
  expect(mock.db.conversation.findFirst((q) => q.where({ id: conversation.id })).status).toBe('closed')
`

function project(line: MswLine): string {
  return join(work, `msw-${line}`)
}

beforeAll(() => {
  if (!enabled) return
  mkdirSync(work, { recursive: true })
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }))[0].filename as string
  const tarball = join(work, packed)
  const systemNode = execFileSync('node', ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: (process.env.PATH ?? '').split(':').filter((p) => !p.includes('node_modules')).join(':') } }).trim()
  if (systemNode.startsWith('v20.')) nodes['20'] = execFileSync('bash', ['-c', 'PATH=$(echo "$PATH" | tr ":" "\\n" | grep -v node_modules | paste -sd:) command -v node'], { encoding: 'utf8' }).trim()
  mkdirSync(join(work, 'node22'), { recursive: true })
  writeFileSync(join(work, 'node22/package.json'), '{"private":true}')
  const node22 = sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', 'node@22'], join(work, 'node22'))
  if (node22.status === 0 && existsSync(join(work, 'node22/node_modules/node/bin/node'))) nodes['22'] = join(work, 'node22/node_modules/node/bin/node')
  for (const line of Object.keys(MSW) as MswLine[]) {
    const folder = project(line)
    mkdirSync(join(folder, 'cjs'), { recursive: true })
    mkdirSync(join(folder, 'esm'), { recursive: true })
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ private: true, name: `matrix-${line.replace('.', '-')}` }))
    const install = sh('npm', ['install', '--no-audit', '--no-fund', tarball, `msw@${MSW[line]}`, 'jest@30', '@jest/globals@30', 'vitest@4'], folder)
    if (install.status !== 0) throw new Error(`npm install for msw ${line} failed: ${install.stderr.slice(-2000)}`)
    // jest in CommonJS mode: require() and the global hooks, as a CommonJS project writes it
    writeFileSync(join(folder, 'cjs/package.json'), JSON.stringify({ type: 'commonjs' }))
    writeFileSync(join(folder, 'cjs/close.test.js'), `const { useHeymarketMock } = require('heymarket-mock/node')\nconst { mock } = useHeymarketMock({ seed: 7 })\ntest('closes a conversation', async () => {${TEST_BODY}})\n`)
    // jest in ESM mode (--experimental-vm-modules) and vitest: import
    writeFileSync(join(folder, 'esm/package.json'), JSON.stringify({ type: 'module' }))
    writeFileSync(join(folder, 'esm/close.jest.test.js'), `import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'\nimport { useHeymarketMock } from 'heymarket-mock/node'\nconst { mock } = useHeymarketMock({ seed: 7 }, { beforeAll, afterEach, afterAll })\ntest('closes a conversation', async () => {${TEST_BODY}})\n`)
    writeFileSync(join(folder, 'esm/close.vitest.test.js'), `import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'\nimport { useHeymarketMock } from 'heymarket-mock/node'\nconst { mock } = useHeymarketMock({ seed: 7 }, { beforeAll, afterEach, afterAll })\ntest('closes a conversation', async () => {${TEST_BODY}})\n`)
  }
}, 900_000)

afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000)

type Runner = 'jest 30 (CommonJS)' | 'jest 30 (ESM)' | 'vitest 4'
function runRow(runner: Runner, line: MswLine, node: '20' | '22' | '24') {
  const binary = nodes[node]
  if (!binary) throw new Error(`Node ${node} is not available on this machine (the system Node is not 20, or node@22 did not install)`)
  const folder = project(line)
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim()
  expect(version.startsWith(`v${node}.`)).toBe(true)
  const result =
    runner === 'vitest 4'
      ? sh(binary, ['node_modules/vitest/vitest.mjs', 'run', 'esm/close.vitest.test.js'], folder)
      : sh(binary, [...(runner === 'jest 30 (ESM)' ? ['--experimental-vm-modules'] : []), 'node_modules/jest/bin/jest.js', '--ci', runner === 'jest 30 (ESM)' ? 'esm/close.jest.test.js' : 'cjs/close.test.js'], folder, { NODE_OPTIONS: '' })
  const output = `${result.stdout}\n${result.stderr}`
  expect(output, output.slice(-3000)).toMatch(/1 passed/)
  expect(result.status, output.slice(-3000)).toBe(0)
}

/** The rows of the README's table; `supported: false` rows say why and are not run. */
export const MATRIX: { runner: Runner; msw: MswLine; node: '20' | '22' | '24'; supported: true | string }[] = [
  // Measured: heymarket-mock's CommonJS build loads under jest (its ESM-only dependencies are bundled into it), but
  // msw's own CommonJS build then requires an ESM-only package (2.12: until-async; 2.latest: rettime), which
  // jest's CommonJS runtime refuses on Node 20, 22 and 24 alike.
  { runner: 'jest 30 (CommonJS)', msw: '2.12', node: '20', supported: "msw 2.12's CommonJS build requires until-async, which ships only ESM: use jest in ESM mode" },
  { runner: 'jest 30 (CommonJS)', msw: '2.latest', node: '24', supported: "msw 2's CommonJS build requires rettime, which ships only ESM: use jest in ESM mode" },
  { runner: 'jest 30 (CommonJS)', msw: '3', node: '24', supported: 'msw 3 ships only ESM, which jest cannot load in CommonJS mode: use jest in ESM mode' },
  { runner: 'jest 30 (ESM)', msw: '2.latest', node: '20', supported: true },
  { runner: 'jest 30 (ESM)', msw: '3', node: '22', supported: true },
  { runner: 'jest 30 (ESM)', msw: '3', node: '24', supported: true },
  { runner: 'vitest 4', msw: '2.12', node: '20', supported: true },
  { runner: 'vitest 4', msw: '3', node: '22', supported: true },
  { runner: 'vitest 4', msw: '3', node: '20', supported: 'msw 3 needs Node 22.12 or newer (it calls Promise.withResolvers)' },
]

describe.runIf(enabled)('support matrix (the packed package in fresh projects)', () => {
  for (const row of MATRIX) {
    const name = `${row.runner} + msw ${row.msw} on Node ${row.node}`
    if (row.supported === true) it(name, () => runRow(row.runner, row.msw, row.node), 240_000)
    // Rows the README lists as unsupported (their reason in the row, e.g. msw 3 is ESM only) are reported as skipped,
    // not run: they document a combination users ask about, and running them would only show the known failure.
    else it.skip(`${name}: not supported (${row.supported})`, () => undefined)
  }
  it('the README states this matrix', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    for (const row of MATRIX) {
      const cells = `| ${row.runner} | ${row.msw} | ${row.node} | ${row.supported === true ? 'tested' : 'not supported'}`
      expect(readme, cells).toContain(cells)
    }
  })
})
