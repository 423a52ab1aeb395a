import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startHeymarketServer } from '../../src/server/index.js'

/** What a newcomer runs in the first hour: help on a command, the control index the banner prints, init. */
const root = new URL('../../', import.meta.url).pathname
const bin = `${root}dist/cli.js`
mkdirSync(`${root}node_modules/.cache`, { recursive: true })
// Inside the repository, so that the project's msw resolves from this folder as it would in a user's project.
const project = mkdtempSync(`${root}node_modules/.cache/init-project-`)
afterAll(() => rmSync(project, { recursive: true, force: true }))

describe('heymarket-mock <command> --help', () => {
  it.each([['serve', '--help'], ['serve', '-h'], ['init', '--help']])('%s %s shows the usage and exits 0', (command, flag) => {
    const result = spawnSync(process.execPath, [bin, command, flag], { encoding: 'utf8' })
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/Usage: heymarket-mock <command>/)
    expect(result.stdout).toMatch(/--port <n>/)
    expect(result.stderr).toBe('')
  })
})

describe('GET /__mock/ (printed in the start banner)', () => {
  it('answers the list of control endpoints, with and without the final slash', async () => {
    const server = await startHeymarketServer({ port: 0, seed: 2, size: { conversations: 3 } })
    try {
      for (const path of ['/__mock/', '/__mock']) {
        const response = await fetch(`${server.url}${path}`)
        expect(response.status).toBe(200)
        const { endpoints } = (await response.json()) as { endpoints: { method: string; path: string }[] }
        expect(endpoints).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/__mock/reset' }), expect.objectContaining({ method: 'GET', path: '/__mock/info' })]))
      }
    } finally {
      await server.close()
    }
  })
})

describe('heymarket-mock init <dir> records the worker folder in package.json, as msw init --save does', () => {
  it('adds it to msw.workerDirectory once, keeps what was there, and --no-save leaves package.json alone', () => {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, msw: { workerDirectory: 'static' } }, null, 2))
    const run = (...args: string[]) => execFileSync(process.execPath, [bin, 'init', ...args], { cwd: project, encoding: 'utf8' })
    expect(run('public')).toMatch(/Recorded public in package\.json/)
    run('public')
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))
    expect(pkg.msw.workerDirectory).toEqual(['static', 'public'])
    expect(pkg.name).toBe('app')
    run('other', '--no-save')
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).msw.workerDirectory).toEqual(['static', 'public'])
    expect(readFileSync(join(project, 'other/mockServiceWorker.js'), 'utf8')).toContain('Mock Service Worker')
  })
})
