import type { Conversation } from '../schema/conversation.js'
import type { Store } from '../store/create-store.js'
import { stateVersion } from './state-version.js'

/**
 * Conversation views as JSON bytes, kept from one request to the next while the store does not change.
 *
 * Why: a page of 30 conversations is about 17 KB of JSON, and `JSON.stringify` of it (then encoding the string
 * for the socket) cost more than the rest of the request, the rule included. Between writes the same
 * conversations are listed again and again, so their text is kept, as bytes, per conversation.
 *
 * Correctness rests on two facts. (1) A view is `viewConversation(record, viewer)`: everything in it but `read`
 * and `unread` comes from the record alone, so the text is kept in three pieces around those two values, which
 * are written per request. (2) Any change to any table (a rule's write, a direct `mock.db` write, a rollback, a
 * reset) bumps the store's change count, and kept text from before the change is never used after it.
 * The bytes are exactly `JSON.stringify(view)` (test/conversation-json.property.test.ts).
 */
const encoder = new TextEncoder()

/** The keys whose values depend on who is looking, in the order a view has them. */
const PER_VIEWER = ['read', 'unread'] as const

/** Conversations kept at most; past this the kept text is dropped and built again (memory stays bounded). */
const KEPT_LIMIT = 4096

type Pieces = readonly [Uint8Array, Uint8Array, Uint8Array]

type Kept = { changes: number; pieces: Map<number, Pieces> }

const keptByStore = new WeakMap<Store, Kept>()

function keptFor(store: Store): Kept {
  const changes = stateVersion(store)
  let kept = keptByStore.get(store)
  if (!kept || kept.changes !== changes || kept.pieces.size >= KEPT_LIMIT) {
    kept = { changes, pieces: new Map() }
    keptByStore.set(store, kept)
  }
  return kept
}

/**
 * A view's JSON text in the three pieces around `read` and `unread`, as `JSON.stringify` writes it (same key
 * order, keys whose value JSON cannot hold left out). Undefined when the view lacks one of the two keys.
 */
function piecesOf(view: Conversation): Pieces | undefined {
  const pieces: Uint8Array[] = []
  let text = ''
  let first = true
  let next = 0
  for (const key of Object.keys(view)) {
    const json = JSON.stringify((view as Record<string, unknown>)[key])
    if (json === undefined) continue
    text += `${first ? '{' : ','}${JSON.stringify(key)}:`
    first = false
    if (key === PER_VIEWER[next]) {
      pieces.push(encoder.encode(text))
      text = ''
      next++
    } else {
      text += json
    }
  }
  if (next !== PER_VIEWER.length) return undefined
  pieces.push(encoder.encode(`${text}}`))
  return pieces as unknown as Pieces
}

/** The kept pieces of a view, made on first use in this state. */
function keptPieces(kept: Kept, view: Conversation): Pieces | undefined {
  // The per-viewer values are written as ASCII: a number and a boolean, as the schema has them.
  if (typeof view.read !== 'number' || typeof view.unread !== 'boolean') return undefined
  let pieces = kept.pieces.get(view.id)
  if (!pieces) {
    pieces = piecesOf(view)
    if (pieces) kept.pieces.set(view.id, pieces)
  }
  return pieces
}

/** Writes ASCII text (a number's JSON) into `bytes` at `at`; returns the new end. */
function writeAscii(bytes: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i)
  return at
}

/**
 * Writes the views into one buffer: measured first, then filled, so that the only allocation is the answer
 * itself (encoding the small per-viewer values one by one cost more than copying the kept bytes).
 */
function writeViews(views: readonly Conversation[], all: readonly Pieces[], asArray: boolean): Uint8Array {
  const reads = views.map((view) => JSON.stringify(view.read))
  let length = asArray ? 2 + Math.max(0, views.length - 1) : 0
  for (let i = 0; i < views.length; i++) {
    const pieces = all[i]!
    length += pieces[0].length + pieces[1].length + pieces[2].length + reads[i]!.length + (views[i]!.unread ? 4 : 5)
  }
  const bytes = new Uint8Array(length)
  let at = 0
  if (asArray) bytes[at++] = 0x5b // [
  for (let i = 0; i < views.length; i++) {
    if (i > 0) bytes[at++] = 0x2c // ,
    const pieces = all[i]!
    bytes.set(pieces[0], at)
    at = writeAscii(bytes, at + pieces[0].length, reads[i]!)
    bytes.set(pieces[1], at)
    at = writeAscii(bytes, at + pieces[1].length, views[i]!.unread ? 'true' : 'false')
    bytes.set(pieces[2], at)
    at += pieces[2].length
  }
  if (asArray) bytes[at++] = 0x5d // ]
  return bytes
}

/** `JSON.stringify(views)` as UTF-8 bytes, for views made by `viewConversation` from the store's records now. */
export function conversationsJson(store: Store, views: readonly Conversation[]): Uint8Array | string {
  const kept = keptFor(store)
  const all: Pieces[] = []
  for (const view of views) {
    const pieces = keptPieces(kept, view)
    if (!pieces) return JSON.stringify(views)
    all.push(pieces)
  }
  return writeViews(views, all, true)
}

/** `JSON.stringify(view)` as UTF-8 bytes, for a view made by `viewConversation` from the store's record now. */
export function conversationJson(store: Store, view: Conversation): Uint8Array | string {
  const pieces = keptPieces(keptFor(store), view)
  return pieces ? writeViews([view], [pieces], false) : JSON.stringify(view)
}
