import type { HeymarketMock } from 'heymarket-mock'
import { useState } from 'react'

type Props = { mock: HeymarketMock; selectedId: number | undefined; onChanged(): void }

/** Makes things happen on the customer's side and moves the mock's clock. Only there when the mock runs. */
export function DevPanel({ mock, selectedId, onChanged }: Props) {
  const [text, setText] = useState('Hi, is anyone there?')
  const [from, setFrom] = useState('')
  const [note, setNote] = useState<string>()
  const run = async (label: string, action: () => Promise<unknown> | unknown) => {
    try {
      await action()
      await mock.settle()
      setNote(`${label} · mock clock ${mock.clock.timestamp()}`)
      onChanged()
    } catch (error) {
      setNote((error as Error).message)
    }
  }
  return (
    <footer className="dev-panel" data-testid="dev-panel">
      <strong>Mock</strong>
      <input aria-label="Customer message" value={text} onChange={(event) => setText(event.target.value)} />
      <button
        disabled={selectedId === undefined}
        onClick={() => run('Customer wrote', () => mock.simulate.inbound({ conversation_id: selectedId!, text }))}
      >
        Customer replies here
      </button>
      <input aria-label="New customer number" placeholder="14155550123" value={from} onChange={(event) => setFrom(event.target.value)} />
      <button disabled={!from} onClick={() => run('New customer wrote', () => mock.simulate.inbound({ from, text }))}>
        New customer writes
      </button>
      <button onClick={() => run('15 minutes later', () => mock.clock.advance({ minutes: 15 }))}>+15 min</button>
      <button onClick={() => run('A day later', () => mock.clock.advance({ days: 1 }))}>+1 day</button>
      <button onClick={() => run('Back to the seeded data', () => mock.reset())}>Reset</button>
      {note && <span className="note">{note}</span>}
    </footer>
  )
}
