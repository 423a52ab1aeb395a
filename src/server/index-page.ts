import { routes } from '../core/create-heymarket-mock.js'
import { CONTROL_ENDPOINTS, type describeMock } from './control.js'

type Summary = Awaited<ReturnType<typeof describeMock>>

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A first-request example with ids that exist in this mock. */
export function exampleCurl(origin: string, summary: Summary): string {
  const inbox = summary.inboxes[0]
  const user = inbox?.members[0] ?? summary.users[0]?.id ?? 0
  const body = JSON.stringify({ id: user, filters: { inboxes: inbox ? [inbox.id] : [] }, limit: 2 })
  return `curl -s -X POST ${origin}/v1/conversations -H 'Authorization: Bearer test' -H 'Content-Type: application/json' -d '${body}'`
}

/** The page `GET /` shows: what the mock holds, the ids to use, every endpoint, and a request to try. */
export function renderIndexPage(summary: Summary, origin: string, withControl: boolean, sessions?: readonly string[]): string {
  const rows = (items: readonly { method: string; path: string; summary: string }[]) =>
    items.map((item) => `<tr><td><code>${item.method}</code></td><td><code>${escapeHtml(item.path)}</code></td><td>${escapeHtml(item.summary)}</td></tr>`).join('')
  const inboxRows = summary.inboxes
    .map((inbox) => `<tr><td>${inbox.id}</td><td>${escapeHtml(inbox.name)}</td><td>${inbox.phone}</td><td>${inbox.members.join(', ')}</td></tr>`)
    .join('')
  const userRows = summary.users.map((user) => `<tr><td>${user.id}</td><td>${escapeHtml(user.name)}</td><td>${user.role}</td></tr>`).join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>heymarket-mock</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #dde;padding:.25rem .75rem;text-align:left}
pre{background:#f3f4f8;padding:.75rem;overflow:auto}code{font-size:90%}</style></head>
<body><h1>heymarket-mock</h1>
<p>A stateful mock of the Heymarket API. Seed <b>${summary.seed ?? 'none'}</b>; clock ${escapeHtml(summary.clock.now)}${summary.clock.frozen ? ' (frozen)' : ''}.
${summary.counts.conversations} conversations and ${summary.counts.messages} messages in ${summary.counts.inboxes} inboxes; ${summary.counts.contacts} contacts.</p>
<h2>Try it</h2><pre>${escapeHtml(exampleCurl(origin, summary))}</pre>
<p>Any <code>Authorization: Bearer …</code> token is accepted.</p>
${sessions ? `<h2>Sessions</h2><p>${sessions.map((line) => escapeHtml(line)).join('<br>')}</p>` : ''}
<h2>Inboxes</h2><table><tr><th>id</th><th>name</th><th>phone</th><th>member ids</th></tr>${inboxRows}</table>
<h2>Team members</h2><table><tr><th>id</th><th>name</th><th>role</th></tr>${userRows}</table>
<h2>Endpoints</h2><table>${rows(routes)}</table>
${withControl ? `<h2>Control endpoints</h2><table>${rows(CONTROL_ENDPOINTS)}</table>` : ''}
</body></html>`
}
