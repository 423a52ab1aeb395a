import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, type Dataset } from '../../src/core/index.js'
import { isSameJson } from '../../src/server/canonical-verdicts.js'

/**
 * `serve --fixture <file.json>` lets a worker thread check records ahead of the loader (src/server/canonical-check.ts)
 * and takes the ones whose schema output is their own JSON as JSON.parse made them. Whatever the worker decides, the
 * server must hold what the mock holds when it loads the same dataset the ordinary way, through every schema.
 */
const root = new URL('../../', import.meta.url).pathname
const bin = `${root}dist/cli.js`

async function serveAndExport(file: string): Promise<string> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--fixture', file, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk
        const match = /http:\/\/[^\s]+/.exec(out)
        if (match) resolve(match[0])
      })
      child.stderr.on('data', (chunk: Buffer) => (err += chunk))
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
    })
    return await (await fetch(`${url}/__mock/dataset`)).text()
  } finally {
    child.kill()
  }
}

describe('serve --fixture <file.json> with records checked by a worker thread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'heymarket-canonical-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('holds the state an ordinary load gives, for exported records and for records that need their schema', async () => {
    // Enough records for the worker to start (5,000 or more).
    const source = createHeymarketMock({ seed: 7, size: { conversations: 2500, inboxes: 3, users: 6, contacts: 1500, messagesPerConversation: { min: 1, max: 2 } } })
    const dataset = JSON.parse(JSON.stringify(await source.exportDataset())) as Dataset
    // Records the schema changes: fields left to their defaults, keys in another order, an unknown key.
    for (const [index, message] of dataset.messages.entries()) {
      const record = message as unknown as Record<string, unknown>
      if (index % 7 === 0) delete record.status
      if (index % 11 === 0) dataset.messages[index] = Object.fromEntries(Object.entries(record).reverse()) as never
      if (index % 13 === 0) record.not_a_field = true
    }
    for (const [index, conversation] of dataset.conversations.entries()) {
      if (index % 5 === 0) dataset.conversations[index] = Object.fromEntries(Object.entries(conversation).reverse()) as never
    }
    const file = join(directory, 'dataset.json')
    writeFileSync(file, JSON.stringify(dataset))
    const expected = JSON.stringify(await createHeymarketMock({ dataset }).exportDataset())
    expect(await serveAndExport(file)).toBe(expected)
  }, 60_000)
})

describe('isSameJson', () => {
  it('is true only for the same keys in the same order and the same values', () => {
    expect(isSameJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toBe(true)
    expect(isSameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false)
    expect(isSameJson({ a: 1 }, { a: 1, b: 'default' })).toBe(false)
    expect(isSameJson({ a: 1, extra: true }, { a: 1 })).toBe(false)
    expect(isSameJson({ a: '2026-01-01T00:00:00.000Z' }, { a: new Date('2026-01-01T00:00:00.000Z') })).toBe(false)
    expect(isSameJson([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(isSameJson({ a: 0 }, { a: -0 })).toBe(false)
    expect(isSameJson(JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}'))).toBe(false)
  })
})
