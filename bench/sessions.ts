/** npm run bench:sessions: only section 10 of `npm run bench` (sessions), printed as JSON. */
import { benchSessions } from './lib/sessions.js'

const quick = process.env.BENCH_QUICK === '1'
for (const [source, args] of [['preset default', ['--fixture', 'default']], ['seed 1', ['--seed', '1']]] as const) {
  const result = await benchSessions({ args: [...args], source, newSessions: quick ? 10 : 30, memorySessions: 200, loadSessions: 50, rounds: quick ? 2 : 5, seconds: quick ? 2 : 3 })
  console.log(JSON.stringify(result))
}
