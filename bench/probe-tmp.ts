import { startHeymarketServer } from '../src/server/index.js'
const s = await startHeymarketServer({ port: 0 })
await s.session('first')
const times = []
for (let i = 0; i < 30; i++) { const t = performance.now(); await s.session('n' + i); times.push(performance.now() - t) }
console.log(times.map((t) => t.toFixed(1)).join(' '))
await s.close()
