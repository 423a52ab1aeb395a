import { createReadStream, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = fileURLToPath(new URL('../../', import.meta.url))
const fixtures = `${root}fixtures/`

/** Serves the package's presets at /presets/<name>.json in dev, and ships them with a build. */
function presets(): Plugin {
  return {
    name: 'heymarket-presets',
    configureServer(server) {
      server.middlewares.use('/presets/', (request, response, next) => {
        const name = (request.url ?? '').replace(/^\//, '').split('?')[0]!
        if (!/^[\w-]+\.(json|dataset\.gz)$/.test(name)) return next()
        response.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream')
        createReadStream(`${fixtures}${name}`).on('error', () => next()).pipe(response)
      })
    },
    generateBundle() {
      for (const file of readdirSync(fixtures).filter((name) => /\.(json|dataset\.gz)$/.test(name))) {
        this.emitFile({ type: 'asset', fileName: `presets/${file}`, source: readFileSync(`${fixtures}${file}`) })
      }
    },
  }
}

export default defineConfig({
  plugins: [react(), presets()],
  resolve: {
    // This example lives inside the package: point its imports at the built package, as an install would.
    alias: [
      { find: /^heymarket-mock\/browser$/, replacement: `${root}dist/browser.js` },
      { find: /^heymarket-mock$/, replacement: `${root}dist/index.js` },
    ],
  },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: { target: 'es2022' },
})
