// json-server 0.17 serving a conversations array as a plain list endpoint, for the server benchmark.
const jsonServer = require('json-server')
const [, , dbFile] = process.argv
const server = jsonServer.create()
server.use(jsonServer.defaults({ logger: false }))
server.use(jsonServer.router(dbFile))
const listener = server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${listener.address().port}`))
process.on('SIGTERM', () => listener.close(() => process.exit(0)))
