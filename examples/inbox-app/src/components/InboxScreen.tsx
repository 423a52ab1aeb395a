import type { Conversation, HeymarketClient, HeymarketMock, Inbox, Member } from 'heymarket-mock'
import { useCallback, useEffect, useState } from 'react'
import { ConversationList, type ListFilters } from './ConversationList.js'
import { ConversationView } from './ConversationView.js'
import { DevPanel } from './DevPanel.js'

type Props = {
  client: HeymarketClient
  /** The mock running in this page, if any: adds the developer panel and reads time from the mock's clock. */
  mock?: (HeymarketMock & { persistence?: { onRemoteChange(listener: () => void): () => void } }) | undefined
  /** What "now" is when showing how long ago things happened (default: the mock's clock, else the computer's). */
  now?: () => number
}

/** An inbox screen: who you are, filters, the conversation list, the open conversation. */
export function InboxScreen({ client, mock, now: givenNow }: Props) {
  const [members, setMembers] = useState<Member[]>([])
  const [inboxes, setInboxes] = useState<Inbox[]>([])
  const [userId, setUserId] = useState<number>()
  const [filters, setFilters] = useState<ListFilters>({ inbox: 'all', status: 'all', unread: false })
  const [selected, setSelected] = useState<Conversation>()
  const [refreshKey, setRefreshKey] = useState(0)
  const [problem, setProblem] = useState<string>()
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), [])
  const now = useCallback(() => (givenNow ? givenNow() : mock ? mock.clock.now().getTime() : Date.now()), [mock, givenNow])

  useEffect(() => {
    void (async () => {
      try {
        const [team, found] = await Promise.all([client.getTeam(), client.listInboxes()])
        setMembers(team.members)
        setInboxes(found)
        setUserId((team.members.find((member) => member.role === 'owner') ?? team.members[0])?.id)
      } catch (error) {
        setProblem((error as Error).message)
      }
    })()
  }, [client])

  // What happens in the mock (a customer writes, another tab changes something) shows up without a reload.
  useEffect(() => {
    if (!mock) return
    const stops = [mock.on('*', refresh), mock.persistence?.onRemoteChange(refresh)]
    return () => stops.forEach((stop) => stop?.())
  }, [mock, refresh])

  if (problem) return <p className="error">{problem}</p>
  if (userId === undefined) return <p className="loading">Loading…</p>
  const myInboxes = inboxes.filter((inbox) => inbox.members.includes(userId))

  return (
    <div className="screen">
      <aside className="sidebar">
        <label>
          Signed in as
          <select
            value={userId}
            onChange={(event) => {
              setUserId(Number(event.target.value))
              setFilters((current) => ({ ...current, inbox: 'all' }))
              setSelected(undefined)
            }}
          >
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.role})
              </option>
            ))}
          </select>
        </label>
        <div className="filters">
          <select aria-label="Inbox" value={filters.inbox} onChange={(event) => setFilters({ ...filters, inbox: event.target.value === 'all' ? 'all' : Number(event.target.value) })}>
            <option value="all">All my inboxes</option>
            {myInboxes.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </select>
          <select aria-label="Status" value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.target.value as ListFilters['status'] })}>
            <option value="all">Open and closed</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
          <label className="check">
            <input type="checkbox" checked={filters.unread} onChange={(event) => setFilters({ ...filters, unread: event.target.checked })} /> Unread only
          </label>
          {/* Without a mock in the page (a test runner answers the API) nothing pushes changes: fetch again by hand. */}
          <button type="button" onClick={refresh}>
            Refresh
          </button>
        </div>
        <ConversationList
          client={client}
          userId={userId}
          filters={filters}
          selectedId={selected?.id}
          onSelect={setSelected}
          refreshKey={refreshKey}
          now={now}
        />
      </aside>
      <main>
        {selected ? (
          <ConversationView
            client={client}
            conversationId={selected.id}
            userId={userId}
            members={members}
            inboxes={inboxes}
            onChanged={refresh}
            refreshKey={refreshKey}
            now={now}
          />
        ) : (
          <p className="placeholder">Pick a conversation.</p>
        )}
      </main>
      {mock && <DevPanel mock={mock} selectedId={selected?.id} onChanged={refresh} />}
    </div>
  )
}
