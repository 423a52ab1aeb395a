import type { HeymarketMock } from '../core/create-heymarket-mock.js'

/** Where a persisted mock state is kept: `localStorage` by default, or anything with the same three methods. */
export type StateStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export type PersistOptions = {
  /**
   * Tells apart several mocks on one origin. startHeymarketWorker's default names what the mock starts from
   * (`seed-7`, `preset-busy-inbox`), so a changed seed or preset starts clean; persistMock's default is `'default'`.
   */
  key?: string
  /** Default: `localStorage`. */
  storage?: StateStorage
  /** Share changes with other tabs of the same origin (default true). */
  syncTabs?: boolean
}

export type Persistence = {
  /** The storage key the state is saved under. */
  readonly storageKey: string
  /** Why the saved state was not restored, when it was not (the mock then started from its seeded state). */
  readonly refused?: Error
  /** Calls `listener` after the state of another tab was applied here (re-fetch what the page shows). */
  onRemoteChange(listener: () => void): () => void
  /** Saves now (saves also happen on their own after every change). */
  save(): Promise<void>
  /** Stops saving and listening to other tabs. */
  stop(): void
}

export function storageKeyOf(key = 'default'): string {
  return `heymarket-mock:${key}`
}

/** Forgets a persisted state, for when a saved state cannot be restored any more. */
export function clearPersistedState(key?: string, storage: StateStorage = globalThis.localStorage): void {
  storage.removeItem(storageKeyOf(key))
}

/**
 * Keeps a mock's state across reloads and tabs: restores what was saved, then saves what changed since the
 * seeded state (small: only touched records) after every change, and tells other tabs, which apply it too.
 * Last save wins when two tabs change things at the same moment. `mock.reset()` saves the seeded state, so it
 * clears what was persisted (in every tab).
 * A saved state from another version of the mock, or from another seed or preset, is refused: nothing of it is
 * applied, a warning names the key and clearPersistedState(), and the mock starts from its seeded state.
 */
export async function persistMock(mock: HeymarketMock, options: PersistOptions = {}): Promise<Persistence> {
  const storageKey = storageKeyOf(options.key)
  const storage = options.storage ?? globalThis.localStorage
  if (!storage) {
    throw new Error('Failed to persist the mock: no localStorage here. Please pass persist: { storage } (an object with getItem, setItem and removeItem).')
  }
  const tabId = Math.random().toString(36).slice(2)
  const remoteListeners = new Set<() => void>()

  const read = (): unknown => {
    const text = storage.getItem(storageKey)
    if (text === null) return undefined
    try {
      return JSON.parse(text)
    } catch {
      throw new Error(`Failed to restore the saved mock state: ${storageKey} does not hold JSON. Please clear it (clearPersistedState()).`)
    }
  }

  // A state that cannot be restored (another seed, preset or version) must not stop the app: it starts from the
  // seeded state, says why and how to drop the saved one, and replaces it with the first change it saves.
  let refused: Error | undefined
  try {
    const saved = read()
    if (saved !== undefined) await mock.importChanges(saved)
  } catch (error) {
    refused = error as Error
    console.warn(
      `[heymarket-mock] The saved mock state under "${storageKey}" was not restored: ${refused.message} ` +
        `The mock starts from its seeded state and replaces the saved one at the first change; to drop it now, run clearPersistedState(${JSON.stringify(options.key ?? 'default')}).`,
    )
  }

  let applying = false
  let scheduled = false
  let stopped = false
  const channel = options.syncTabs !== false && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(storageKey) : undefined

  async function save(): Promise<void> {
    scheduled = false
    if (stopped) return
    const changes = await mock.exportChanges()
    try {
      storage.setItem(storageKey, JSON.stringify(changes))
    } catch (error) {
      console.warn(`[heymarket-mock] Could not save the mock state (${(error as Error).message}); it will not survive a reload.`)
      return
    }
    // The state travels in the message: another tab may not see this localStorage write yet when it arrives.
    channel?.postMessage({ from: tabId, changes })
  }

  const stopListening = mock.onChange(() => {
    if (applying || scheduled || stopped) return
    scheduled = true
    // Changes of one request come in a burst: save once, right after it.
    setTimeout(() => void save(), 0)
  })

  if (channel) {
    channel.onmessage = async (event: MessageEvent<{ from?: string; changes?: unknown }>) => {
      if (event.data?.from === tabId || stopped || event.data?.changes === undefined) return
      applying = true
      try {
        await mock.importChanges(event.data.changes)
      } catch (error) {
        console.warn(`[heymarket-mock] Could not apply another tab's state: ${(error as Error).message}`)
        return
      } finally {
        applying = false
      }
      for (const listener of remoteListeners) listener()
    }
  }

  return {
    storageKey,
    ...(refused ? { refused } : {}),
    onRemoteChange(listener) {
      remoteListeners.add(listener)
      return () => remoteListeners.delete(listener)
    },
    save,
    stop() {
      stopped = true
      stopListening()
      channel?.close()
    },
  }
}
