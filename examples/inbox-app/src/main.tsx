import { createHeymarketClient } from 'heymarket-mock'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { InboxScreen } from './components/InboxScreen.js'
import { startMock } from './mocks.js'
import './styles.css'

const root = createRoot(document.getElementById('root')!)
try {
  const mock = await startMock()
  const client = createHeymarketClient({ baseUrl: 'https://api.heymarket.com', token: 'example-token' })
  // A handle for the console and for browser tests: __heymarket.simulate.inbound({ ... }), __heymarket.clock.advance(...)
  ;(window as { __heymarket?: unknown }).__heymarket = mock
  root.render(
    <StrictMode>
      <InboxScreen client={client} mock={mock} />
    </StrictMode>,
  )
} catch (error) {
  root.render(<pre className="fatal">{(error as Error).message}</pre>)
}
