// The bare node:http floor for the HTTP benchmark: reads and parses the request's JSON body, as any JSON API must,
// and answers the bytes the mock answered for the same request, recorded beforehand. Nothing else: no routing
// table, no validation, no state. What the mock's server costs above this is its own.
// Usage: node bench/floor-server.mjs <answers.json>   (prints its URL on stdout)
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const answers = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const byKey = new Map(answers.map((answer) => [`${answer.method} ${answer.path}`, { ...answer, body: Buffer.from(answer.body) }]))

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const path = request.url.split('?')[0]
    const answer = byKey.get(`${request.method} ${path}`) ?? byKey.get(`${request.method} *`)
    if (!answer) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', 'x-request-id': 'req_floor', 'content-length': answer.body.length })
    response.end(answer.body)
  })
})
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
