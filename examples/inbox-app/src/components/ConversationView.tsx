import { HeymarketApiError, type Conversation, type HeymarketClient, type Inbox, type Member, type Message } from 'heymarket-mock'
import { useEffect, useRef, useState } from 'react'
import { ago, formatPhone } from './time.js'

type Props = {
  client: HeymarketClient
  conversationId: number
  userId: number
  members: Member[]
  inboxes: Inbox[]
  onChanged(): void
  refreshKey: number
  now: () => number
}

/** One conversation: its state, its messages, and what an agent does with it. */
export function ConversationView({ client, conversationId, userId, members, inboxes, onChanged, refreshKey, now }: Props) {
  const [conversation, setConversation] = useState<Conversation>()
  const [messages, setMessages] = useState<Message[]>([])
  const [reply, setReply] = useState('')
  const [problem, setProblem] = useState<string>()
  const thread = useRef<HTMLOListElement>(null)

  useEffect(() => {
    let stale = false
    void (async () => {
      try {
        const found = await client.getConversation({ params: { id: String(conversationId) } })
        if (stale) return
        setConversation(found)
        const isPhone = /^\d+$/.test(found.target)
        setMessages(isPhone ? await client.getMessageHistory({ query: { phoneNumber: found.target, inboxID: found.inbox } }) : [])
      } catch (error) {
        if (!stale) setProblem((error as Error).message)
      }
    })()
    return () => {
      stale = true
    }
  }, [client, conversationId, refreshKey])

  // The latest message is at the bottom, as in any messaging app.
  useEffect(() => {
    if (thread.current) thread.current.scrollTop = thread.current.scrollHeight
  }, [messages])

  if (!conversation) return <section className="view">{problem ?? 'Loading…'}</section>

  const inbox = inboxes.find((candidate) => candidate.id === conversation.inbox)
  const inboxMembers = members.filter((member) => inbox?.members.includes(member.id))
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action()
      setProblem(undefined)
      onChanged()
    } catch (error) {
      setProblem(error instanceof HeymarketApiError ? (error.body as { message?: string }).message ?? error.message : (error as Error).message)
    }
  }
  const address = { chat_id: conversation.id, inbox_id: conversation.inbox, user_id: userId }

  return (
    <section className="view" data-testid="conversation-view" data-id={conversation.id} data-status={conversation.status}>
      <header>
        <h2>{conversation.name || formatPhone(conversation.target)}</h2>
        <p className="meta">
          {formatPhone(conversation.target)} · {inbox?.name} · <span data-testid="status">{conversation.status}</span>
          {conversation.assigned !== 0 && ` · assigned to ${members.find((m) => m.id === conversation.assigned)?.name ?? conversation.assigned}`}
        </p>
        <div className="actions">
          {conversation.status === 'open' ? (
            <button onClick={() => act(() => client.closeConversation({ body: address }))}>Close</button>
          ) : (
            <button onClick={() => act(() => client.openConversation({ body: address }))}>Reopen</button>
          )}
          <button onClick={() => act(() => client.markConversationRead({ body: address }))}>Mark read</button>
          <button onClick={() => act(() => client.markConversationUnread({ body: address }))}>Mark unread</button>
          <select
            aria-label="Reassign"
            value=""
            onChange={(event) => act(() => client.reassignConversation({ body: { ...address, reassign_id: Number(event.target.value) } }))}
          >
            <option value="" disabled>
              Reassign…
            </option>
            <option value="0">Unassigned</option>
            {inboxMembers.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
          <select
            aria-label="Transfer"
            value=""
            onChange={(event) =>
              act(() => client.transferConversation({ body: { conversation_id: conversation.id, transfer_inbox_id: Number(event.target.value) } }))
            }
          >
            <option value="" disabled>
              Transfer…
            </option>
            {inboxes
              .filter((candidate) => candidate.id !== conversation.inbox)
              .map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
          </select>
        </div>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </header>
      <ol className="messages" data-testid="messages" ref={thread}>
        {[...messages].reverse().map((message) => (
          <li key={message.id} className={`message ${message.type}`}>
            <div className="bubble">{message.text || (message.media ? '[media]' : '')}</div>
            <div className="meta">
              {message.type === 'inbound' ? 'Customer' : message.author} · {ago(message.date, now())}
              {message.type === 'private' && ' · internal note'}
            </div>
          </li>
        ))}
        {messages.length === 0 && <li className="empty">No message history for this kind of conversation.</li>}
      </ol>
      <form
        className="reply"
        onSubmit={(event) => {
          event.preventDefault()
          if (!reply.trim()) return
          void act(async () => {
            await client.sendMessage({ body: { inbox_id: conversation.inbox, creator_id: userId, chat_id: conversation.id, text: reply } })
            setReply('')
          })
        }}
      >
        <input aria-label="Reply" placeholder="Write a reply…" value={reply} onChange={(event) => setReply(event.target.value)} />
        <button type="submit">Send</button>
      </form>
    </section>
  )
}
