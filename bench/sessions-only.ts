import { benchSessions } from './lib/sessions.js'
const r = await benchSessions({ args: (process.env.ARGS ?? '--seed 1').split(' '), source: 'x', newSessions: 30, memorySessions: Number(process.env.MEM ?? 200), loadSessions: 50, rounds: Number(process.env.ROUNDS ?? 2), seconds: 2 })
console.log(JSON.stringify(r, null, 1))
