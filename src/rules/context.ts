import type { Clock } from '../primitives/clock.js'
import type { Store } from '../store/create-store.js'
import type { EventBus } from './events.js'

/** What every rule works with: the store, the clock and the event bus. No Request, no Response. */
export type MockContext = {
  store: Store
  clock: Clock
  events: EventBus
}
