import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHeymarketMock, type Dataset } from '../src/core/index.js'
import { loadFixture } from '../src/node/index.js'
import { parseServeOptions } from '../src/server/command-line.js'
import { startHeymarketServer } from '../src/server/index.js'

/**
 * Loading a dataset (a preset or an exported file) checks every record as creating it through `mock.db` would,
 * and the mock keeps no copy of the dataset it was given: sessions of a server started from a file start from
 * the default mock's seeded state.
 */
const auth = { Authorization: 'Bearer loading-test', 'Content-Type': 'application/json' }

function copyOf(dataset: Dataset): Dataset {
  return JSON.parse(JSON.stringify(dataset)) as Dataset
}

describe('loading a dataset', () => {
  it('gives back the same bytes it was given, record for record (contact fields keyed by id included)', async () => {
    const dataset = loadFixture('default')
    expect(dataset.contacts.some((contact) => Object.keys(contact.custom ?? {}).length > 0)).toBe(true)
    const mock = createHeymarketMock({ dataset })
    const again = createHeymarketMock({ dataset: await mock.exportDataset() })
    expect(JSON.stringify(await again.exportDataset())).toBe(JSON.stringify(await mock.exportDataset()))
    const original = mock.db.contact.findMany().find((contact) => Object.keys(contact.custom).length > 0)!
    const loaded = (await mock.exportDataset()).contacts.find((contact) => contact.id === original.id)!
    expect(Object.entries(loaded.custom!)).toEqual(Object.entries(dataset.contacts.find((contact) => contact.id === original.id)!.custom!))
  })

  it('refuses a record its schema refuses, naming the collection, the position and the field', async () => {
    const dataset = copyOf(loadFixture('default'))
    ;(dataset.messages[3] as Record<string, unknown>).status = 'teleported'
    const mock = createHeymarketMock({ dataset })
    await expect(mock.ready).rejects.toThrow(/messages\[3\] \(id \d+\) is invalid \(status: /)
  })

  it('refuses a message whose conversation is not in the dataset, and an id used twice', async () => {
    const orphan = copyOf(loadFixture('default'))
    orphan.messages[0]!.conversation_id = 1
    await expect(createHeymarketMock({ dataset: orphan }).ready).rejects.toThrow(/message \d+: "conversation_id" is 1, and there is no conversation 1/)
    const twice = copyOf(loadFixture('default'))
    twice.conversations[1]!.id = twice.conversations[0]!.id
    await expect(createHeymarketMock({ dataset: twice }).ready).rejects.toThrow(/conversation \d+: that id is already taken/)
  })

  it('fills in defaults and draws ids for records that leave them out, as mock.db.create does', async () => {
    const dataset = copyOf(loadFixture('empty-inbox'))
    const inbox = dataset.inboxes[0]!
    dataset.conversations.push({ inbox: inbox.id!, target: '14155550177' })
    const mock = createHeymarketMock({ dataset })
    await mock.ready
    const created = await mock.db.conversation.create({ inbox: inbox.id!, target: '14155550178' })
    const loaded = mock.db.conversation.findFirst((q) => q.where({ target: '14155550177' }))!
    expect(loaded.status).toBe('open')
    expect(created.id).toBe(loaded.id + 1)
  })
})

describe('sessions of a server started from a dataset', () => {
  it('start from the seeded state, not from what the default session has changed since', async () => {
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('default') })
    try {
      const seeded = await (await fetch(`${running.url}/__mock/dataset`)).text()
      const info = await (await fetch(`${running.url}/__mock/info`)).json()
      const inbox = info.inboxes[0]
      const open = JSON.parse(seeded).conversations.find((conversation: { status: string; inbox: number }) => conversation.status === 'open' && conversation.inbox === inbox.id)
      const closed = await fetch(`${running.url}/v1/conversations/close`, { method: 'POST', headers: auth, body: JSON.stringify({ chat_id: open.id, inbox_id: inbox.id, user_id: inbox.members[0] }) })
      expect(closed.status).toBe(200)
      const inbound = await fetch(`${running.url}/__mock/inbound`, { method: 'POST', headers: auth, body: JSON.stringify({ from: '14155550166', inbox_id: inbox.id, text: 'new here' }) })
      expect(inbound.status).toBe(200)
      expect(await (await fetch(`${running.url}/__mock/dataset`)).text()).not.toBe(seeded)

      expect(await (await fetch(`${running.url}/sessions/fresh/__mock/dataset`)).text()).toBe(seeded)
      await fetch(`${running.url}/__mock/reset`, { method: 'POST', headers: auth })
      expect(await (await fetch(`${running.url}/__mock/dataset`)).text()).toBe(seeded)
    } finally {
      await running.close()
    }
  })
})

describe('GET /__mock/dataset', () => {
  /** Starts reading the export and stops after its first chunk, leaving the rest unread. */
  function startReading(url: string): Promise<{ response: IncomingMessage; first: Buffer; chunks: Buffer[] }> {
    return new Promise((resolve, reject) => {
      get(`${url}/__mock/dataset`, (response) => {
        const chunks: Buffer[] = []
        response.once('data', (chunk: Buffer) => {
          response.pause()
          chunks.push(chunk)
          resolve({ response, first: chunk, chunks })
        })
      }).on('error', reject)
    })
  }
  const readRest = (reading: { response: IncomingMessage; chunks: Buffer[] }) =>
    new Promise<string>((resolve, reject) => {
      reading.response.on('data', (chunk: Buffer) => reading.chunks.push(chunk))
      reading.response.on('end', () => resolve(Buffer.concat(reading.chunks).toString('utf8')))
      reading.response.on('error', reject)
      reading.response.resume()
    })

  it('streams the bytes of JSON.stringify(exportDataset()), chunked, and a write sent meanwhile lands after it', async () => {
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('busy-inbox') })
    try {
      const expected = JSON.stringify(await running.mock.exportDataset())
      const reading = await startReading(running.url)
      expect(reading.response.headers['transfer-encoding']).toBe('chunked')
      expect(reading.first.length).toBeLessThan(Buffer.byteLength(expected))
      const inbox = running.mock.db.inbox.findFirst()!
      const write = fetch(`${running.url}/__mock/inbound`, { method: 'POST', headers: auth, body: JSON.stringify({ from: '14155550188', inbox_id: inbox.id, text: 'during the export' }) })
      const text = await readRest(reading)
      expect(text).toBe(expected)
      expect((await write).status).toBe(200)
      expect(JSON.stringify(await running.mock.exportDataset())).not.toBe(expected)
    } finally {
      await running.close()
    }
  })

  it('lets the mock go when the client leaves half-way', async () => {
    const running = await startHeymarketServer({ port: 0, dataset: loadFixture('busy-inbox') })
    try {
      const reading = await startReading(running.url)
      reading.response.destroy()
      const info = await fetch(`${running.url}/__mock/info`)
      expect(info.status).toBe(200)
      const again = await fetch(`${running.url}/__mock/dataset`)
      expect(await again.text()).toBe(JSON.stringify(await running.mock.exportDataset()))
    } finally {
      await running.close()
    }
  })
})


describe('serve --fixture <file.json>', () => {
  const directory = mkdtempSync(join(tmpdir(), 'heymarket-dataset-text-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))
  const write = (name: string, text: string) => {
    const file = join(directory, name)
    writeFileSync(file, text)
    return file
  }
  const exported = async (dataset: Dataset) => {
    const mock = createHeymarketMock({ dataset })
    return JSON.stringify(await mock.exportDataset())
  }

  it('loads a file read record by record to the state JSON.parse of the whole file gives, however it is laid out', async () => {
    const dataset = copyOf(loadFixture('default'))
    // Escapes, quotes, brackets and characters beyond ASCII inside strings.
    dataset.messages[0]!.text = 'She said "ok]}," \\ then: ünïcødé ✓\n{bye}'
    const expected = await exported(dataset)
    const { messages, ...rest } = dataset
    const layouts = {
      compact: JSON.stringify(dataset),
      indented: JSON.stringify(dataset, null, 2),
      // Another key order, a key given twice (the last counts, as in JSON.parse), escapes in strings.
      reordered: `\n{ "messages" : [] ,"messages":${JSON.stringify(messages)} , ${JSON.stringify(rest).slice(1, -1)} }\n`,
    }
    for (const [name, text] of Object.entries(layouts)) {
      const options = parseServeOptions(['--fixture', write(`${name}.json`, text)])
      expect(await exported(options.dataset!), name).toBe(expected)
    }
  })

  it('says what is wrong with a file that is not a dataset, as for any fixture', () => {
    expect(() => parseServeOptions(['--fixture', write('broken.json', '{"format": "heymarket-mock/dataset", "users": [{"id": 1},')])).toThrow(/is not valid JSON or gzipped JSON/)
    expect(() => parseServeOptions(['--fixture', write('other.json', '{"format": "something-else", "users": []}')])).toThrow(/its "format" is "something-else"/)
  })

  it('refuses a record that is not valid JSON when it is loaded, naming it', async () => {
    const text = JSON.stringify(loadFixture('default')).replace('"messages":[{', '"messages":[{"id":}, {')
    const options = parseServeOptions(['--fixture', write('bad-record.json', text)])
    await expect(createHeymarketMock({ dataset: options.dataset! }).ready).rejects.toThrow(/messages\[0\] is not valid JSON/)
  })
})
