// json-server 1.x (the ESM rewrite, still in beta) serving a conversations array, for the server benchmark: its own
// app (createApp) over an in-memory lowdb, bound to 127.0.0.1, without the file watcher its command line adds.
// Usage: node bench/json-server-1-app.mjs <db.json>   (prints its URL on stdout)
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const appModule = createRequire(import.meta.url).resolve('json-server-1/package.json').replace(/package\.json$/, 'lib/app.js')
const { createApp } = await import(pathToFileURL(appModule).href)
// lowdb is json-server's own dependency (a version of its choosing), so it is found from json-server's folder.
const lowdbEntry = createRequire(appModule).resolve('lowdb')
const { Low, Memory } = await import(pathToFileURL(lowdbEntry).href)

const db = new Low(new Memory(), {})
db.data = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const app = createApp(db, { logger: false })
const server = app.listen(0, () => console.log(`http://127.0.0.1:${server.address().port}`), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
