import type { Store } from '../store/create-store.js'

const versions = new WeakMap<Store, { count: number }>()

/**
 * A number that changes whenever any table of the store changes (a rule's write, a direct `mock.db` write, a
 * rollback, a reset, an import). What the HTTP layer keeps between requests (answers, JSON text) is kept
 * together with the version it was made at, and used only while the version is the same.
 */
export function stateVersion(store: Store): number {
  let version = versions.get(store)
  if (!version) {
    const created = { count: 0 }
    store.onChange(() => created.count++)
    versions.set(store, created)
    version = created
  }
  return version.count
}
