/** npm run openapi: writes docs/openapi.json from the schemas (a test checks the committed file is current). */
import { writeFileSync } from 'node:fs'
import { createOpenApiDocument } from '../src/client/index.js'

const file = new URL('../docs/openapi.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(createOpenApiDocument(), null, 2)}\n`)
console.log(`wrote ${file.pathname}`)
