import type { Conversation, HeymarketClient } from 'heymarket-mock'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ago, formatPhone } from './time.js'

export type ListFilters = { inbox: number | 'all'; status: 'open' | 'closed' | 'all'; unread: boolean }

type Props = {
  client: HeymarketClient
  userId: number
  filters: ListFilters
  selectedId: number | undefined
  onSelect(conversation: Conversation): void
  /** Changing it reloads the list from the top. */
  refreshKey: number
  now: () => number
}

const PAGE_SIZE = 30

/**
 * Conversations, newest activity first, with infinite scroll: each page asks for those updated strictly before
 * the last one shown (the API's date cursor) until a page comes back empty.
 */
export function ConversationList({ client, userId, filters, selectedId, onSelect, refreshKey, now }: Props) {
  const [items, setItems] = useState<Conversation[]>([])
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string>()
  const loading = useRef(false)
  const generation = useRef(0)
  const sentinel = useRef<HTMLLIElement>(null)

  const loadPage = useCallback(
    async (cursor: string | undefined, run: number) => {
      if (loading.current) return
      loading.current = true
      try {
        const page = await client.listConversations({
          body: {
            id: userId,
            filters: {
              ...(filters.inbox === 'all' ? {} : { inboxes: [filters.inbox] }),
              ...(filters.status === 'all' ? {} : { closed: filters.status === 'closed' }),
              ...(filters.unread ? { unread: true } : {}),
            },
            limit: PAGE_SIZE,
            ...(cursor ? { date: cursor } : {}),
          },
        })
        if (run !== generation.current) return
        if (page.length === 0) setDone(true)
        setItems((current) => (cursor ? [...current, ...page] : page))
        setError(undefined)
      } catch (caught) {
        if (run === generation.current) setError((caught as Error).message)
      } finally {
        loading.current = false
      }
    },
    [client, userId, filters],
  )

  useEffect(() => {
    const run = ++generation.current
    loading.current = false
    setDone(false)
    void loadPage(undefined, run)
  }, [loadPage, refreshKey])

  useEffect(() => {
    const target = sentinel.current
    if (!target || done) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && items.length > 0) void loadPage(items[items.length - 1]!.updated, generation.current)
    })
    observer.observe(target)
    return () => observer.disconnect()
  }, [items, done, loadPage])

  return (
    <ul className="conversation-list" data-testid="conversation-list">
      {items.map((conversation) => (
        <li
          key={conversation.id}
          data-testid="conversation-row"
          data-id={conversation.id}
          data-status={conversation.status}
          className={`row ${conversation.id === selectedId ? 'selected' : ''} ${conversation.unread ? 'unread' : ''}`}
          onClick={() => onSelect(conversation)}
        >
          <div className="row-top">
            <span className="name">{conversation.name || formatPhone(conversation.target)}</span>
            <span className="when">{ago(conversation.updated, now())}</span>
          </div>
          <div className="row-bottom">
            <span className="preview">{conversation.last_msg}</span>
            {conversation.status === 'closed' && <span className="badge closed">closed</span>}
            {conversation.snooze_till && <span className="badge">snoozed</span>}
            {conversation.blocked && <span className="badge">blocked</span>}
          </div>
        </li>
      ))}
      {error && <li className="error">{error}</li>}
      {!done && !error && (
        <li ref={sentinel} className="sentinel" data-testid="list-loading">
          Loading…
        </li>
      )}
      {done && (
        <li className="end" data-testid="list-end">
          {items.length === 0 ? 'No conversations here.' : `That's all: ${items.length} conversations.`}
        </li>
      )}
    </ul>
  )
}
