import { connect } from 'node:net'
import fc from 'fast-check'

/**
 * Raw-HTTP cases for the standalone server: methods, request targets, framing, headers, slow and cut
 * connections, sent as bytes over a socket so that no client library tidies them up. Each is checked for: an
 * answer (when the request was whole) with a status below 500 and an X-Request-Id, and the server still
 * answering afterwards.
 */

export type RawCase = { description: string; chunks: string[]; pauseMs: number; cut: boolean }

const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'PURGE', 'M-SEARCH', 'get', 'G@T', 'FOO', 'X'.repeat(300))
const targets = fc.oneof(
  fc.constantFrom('/', '//', '//?a=1', '/\\', 'http://', '//x:99999/', '//x/v1/inboxes', '*', 'v1/inboxes', '/v1/inboxes', '/v1/inboxes?', '/v1/inboxes#frag',
    '/v1/conversations/1', '/v1/conversations/%', '/v1/conversations/%E0%A4%A', '/v1/conversations/..%2f..%2f', '/__mock/info', '/__mock/reset', '/__mock/faults/99',
    '/openapi.json', '/v1/../v1/inboxes', '/%2e%2e/', 'http://127.0.0.1/v1/inboxes', 'http://evil.example/v1/inboxes', 'https://[::1]/v1/inboxes', `/${'a'.repeat(20_000)}`,
    '/v1/messages?phoneNumber=14155550100&inboxID=1&phoneNumber=2', '/v1/users/find?email[]=a&email[]=b'),
  fc.string({ maxLength: 40 }).map((text) => `/${text.replace(/[\s]/g, '')}`),
)
const hosts = fc.constantFrom<string | undefined>('127.0.0.1', 'localhost', undefined, 'evil.example', '', '[::1]', '127.0.0.1:99999', 'a'.repeat(300))
const contentTypes = fc.constantFrom<string | undefined>('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined)
const bodies = fc.oneof(fc.constantFrom('', '{}', '{"id":0,"filters":{}}', '{', '[]', 'null', '{"status":503}'), fc.string({ maxLength: 60 }))
const framings = fc.constantFrom('length', 'short-length', 'long-length', 'chunked', 'bad-chunked', 'both', 'duplicate-length', 'negative-length', 'none')
const extraHeaders = fc.constantFrom<Record<string, string>>(
  {},
  { Origin: 'https://evil.example' },
  { 'Sec-Fetch-Site': 'cross-site' },
  { Authorization: 'Bearer raw' },
  { Authorization: 'Basic !!!' },
  { 'X-Big': 'x'.repeat(20_000) },
  { Expect: '100-continue' },
  { Connection: 'keep-alive' },
  { 'Content-Encoding': 'gzip' },
)

export const rawCase: fc.Arbitrary<RawCase> = fc
  .record({ method: methods, target: targets, host: hosts, contentType: contentTypes, body: bodies, framing: framings, headers: extraHeaders, slow: fc.boolean(), cut: fc.nat(9) })
  .map((choice) => {
    const headers: string[] = []
    if (choice.host !== undefined) headers.push(`Host: ${choice.host}`)
    if (choice.contentType) headers.push(`Content-Type: ${choice.contentType}`)
    for (const [name, value] of Object.entries(choice.headers)) headers.push(`${name}: ${value}`)
    const length = Buffer.byteLength(choice.body)
    let body = choice.body
    switch (choice.framing) {
      case 'length': headers.push(`Content-Length: ${length}`); break
      case 'short-length': headers.push(`Content-Length: ${Math.max(0, length - 1)}`); break
      case 'long-length': headers.push(`Content-Length: ${length + 5}`); break
      case 'chunked': headers.push('Transfer-Encoding: chunked'); body = `${length.toString(16)}\r\n${choice.body}\r\n0\r\n\r\n`; break
      case 'bad-chunked': headers.push('Transfer-Encoding: chunked'); body = `zz\r\n${choice.body}\r\n`; break
      case 'both': headers.push(`Content-Length: ${length}`, 'Transfer-Encoding: chunked'); break
      case 'duplicate-length': headers.push(`Content-Length: ${length}`, `Content-Length: ${length + 1}`); break
      case 'negative-length': headers.push('Content-Length: -1'); break
      case 'none': break
    }
    headers.push('Connection: close')
    const text = `${choice.method} ${choice.target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`
    const chunks = choice.slow ? [text.slice(0, 7), text.slice(7, 30), text.slice(30)] : [text]
    // One case in ten is cut off halfway: the client goes away mid-request.
    const cut = choice.cut === 0
    return { description: `${choice.method.slice(0, 12)} ${choice.target.slice(0, 60)} (${choice.framing}${choice.slow ? ', slow' : ''}${cut ? ', cut' : ''})`, chunks: cut ? [text.slice(0, Math.floor(text.length / 2))] : chunks, pauseMs: choice.slow ? 5 : 0, cut }
  })

/** Sends one raw case and returns the status it got (0 when the connection closed without an answer). */
export function sendRaw(port: number, fuzz: RawCase): Promise<{ status: number; requestId: boolean; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer and no close within 5 s: ${fuzz.description}`))
    }, 5000)
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => (data += chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0)
      resolve({ status, requestId: /\r\nx-request-id: /i.test(data), text: data })
    })
    void (async () => {
      for (const chunk of fuzz.chunks) {
        if (socket.destroyed) return
        socket.write(chunk)
        if (fuzz.pauseMs) await new Promise((done) => setTimeout(done, fuzz.pauseMs))
      }
      if (fuzz.cut) socket.destroy()
      // A request whose declared body never comes (long-length) waits for it: end our side to let it go.
      else setTimeout(() => socket.end(), 150)
    })()
  })
}

/** Checks a raw answer: below 500, with a request id, unless the connection was cut or closed before an answer. */
export function checkRaw(fuzz: RawCase, answer: { status: number; requestId: boolean; text: string }): void {
  if (answer.status === 0) return
  if (answer.status >= 500) throw new Error(`${answer.status} for raw ${fuzz.description}: ${answer.text.slice(0, 300)}`)
  // Answers beyond the first on a connection (a pipelined leftover) are not checked for ids.
  if (!answer.requestId) throw new Error(`no X-Request-Id (${answer.status}) for raw ${fuzz.description}: ${answer.text.slice(0, 300)}`)
}
