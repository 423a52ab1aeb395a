import { TypedEvent } from 'rettime'
import { compactMaps, compactWrittenField } from './compact-record.js'
import { copyData } from './copy-data.js'
import type { TrackedCollection } from './tracked-collection.js'

/** Something that keeps a derived view of a table's records in step with it. */
export interface TableIndex<R> {
  /** A record appeared, or changed in a way the index may care about. */
  upsert(record: R): void
  /**
   * Records new to the index, appearing at once (a dataset being loaded), in any order: the same as upserting
   * each, for indexes that can build faster from all of them (a sorted list sorts once). Optional.
   */
  upsertMany?(records: readonly R[]): void
  /** A record went away. */
  remove(record: R): void
  /** Forget everything (used before a full rebuild). */
  clear(): void
}

/** What a transaction did to one table, for `rollback()` (see `Table.#journal`). */
type Journal<R> = {
  before: Map<number, R | undefined>
  originalsAdded: number[]
  createdBefore: Map<number, boolean>
  atBegin?: { originals: Map<number, R>; created: Set<number> }
}

/**
 * One @msw/data collection plus what makes it fast and resettable: a by-id map, secondary indexes and
 * copy-on-write change tracking since the seeded baseline.
 *
 * The collection stays the source of truth. Records created, updated or deleted through the collection's own
 * API (`mock.db.conversation.create(...)`) reach this table through the collection's hooks; the mock's own
 * writes change records in place (O(1), where `collection.update` scans every row) and then emit the same
 * hooks, so listeners and extensions see every change.
 */
export class Table<R extends { id: number }> {
  readonly #byId = new Map<number, R>()
  /**
   * @note A direct `collection.update()` runs its hooks before it swaps in the new record object. Until the
   * swap is reported (see TrackedCollection), reads see the values the hooks announced.
   */
  readonly #pending = new Map<number, R>()
  readonly #indexes: TableIndex<R>[] = []
  #baseline: Set<number> | undefined
  readonly #originals = new Map<number, R>()
  readonly #created = new Set<number>()
  #ownWrite = false
  /**
   * While a transaction runs: the records as they were before it first touched them, and what it did to the
   * baseline bookkeeping (`#originals`, `#created`) as an undo log, so that `rollback()` puts everything back at
   * a cost in proportion to what the transaction touched (copying the bookkeeping instead grew with every
   * record created since the baseline). A transaction that clears the bookkeeping (a reset inside it) keeps the
   * bookkeeping as it stood at `begin()` whole, in `atBegin`, and logs nothing after.
   */
  #journal: Journal<R> | undefined
  /** Between `begin()` and `commit()` or `rollback()`; the journal itself is made on the first change. */
  #inTransaction = false
  #observeId: (id: number) => void = () => {}
  #guards: ((record: any, change: 'create' | 'update') => void)[] = []
  readonly #directCreateListeners: ((record: any) => void)[] = []
  /** The values `insert` hands to `collection.create`: the records made from them are the table's own. */
  readonly #ownValues = new WeakSet<object>()
  #onMutate: () => void = () => {}

  constructor(
    readonly collection: TrackedCollection,
    readonly name: string,
  ) {
    collection.track({
      replaced: (records) => {
        for (const record of records as R[]) this.#adopt(record)
      },
      failed: () => this.#resync(),
    })
    collection.hooks.on('create', (event) => {
      const record = event.data.record as R
      this.#onCreate(record)
      if (this.#ownValues.has(event.data.initialValues as object)) return
      for (const listener of this.#directCreateListeners) listener(record)
    })
    collection.hooks.on('update', (event) => {
      if (this.#ownWrite) return
      this.#onDirectUpdate(event.data.prevRecord as R, event.data.nextRecord as R)
    })
    collection.hooks.on('delete', (event) => this.#onDelete(event.data.deletedRecord as R))
  }

  /** Calls `observe` with every id that appears, so id sequences can skip ids chosen by hand. */
  observeIds(observe: (id: number) => void): void {
    this.#observeId = observe
  }

  /**
   * Checks every record created, and every record a direct `collection.update()` produces, before the table
   * or the collection takes it: a guard that throws refuses the write, and nothing changes.
   */
  guard(check: (record: R, change: 'create' | 'update') => void): void {
    this.#guards.push(check)
  }

  /**
   * Calls `listener` with each record created through the collection itself (`mock.db.message.create(...)`),
   * once the table holds it. Records the table's `insert` makes are the mock's own and are not reported: a
   * listener here, unlike one on the collection's hooks, keeps `insert` on its fast path.
   */
  onDirectCreate(listener: (record: R) => void): void {
    this.#directCreateListeners.push(listener)
  }

  /** Calls `listener` after every change to the table, however it was made. */
  onMutate(listener: () => void): void {
    this.#onMutate = listener
  }

  addIndex(index: TableIndex<R>): void {
    this.#indexes.push(index)
    for (const record of this.#byId.values()) index.upsert(record)
  }

  get size(): number {
    return this.#byId.size
  }

  get(id: number): R | undefined {
    return this.#pending.get(id) ?? this.#byId.get(id)
  }

  has(id: number): boolean {
    return this.#byId.has(id)
  }

  /** Every record, in no particular order. */
  values(): R[] {
    if (this.#pending.size === 0) return Array.from(this.#byId.values())
    return Array.from(this.#byId.values(), (record) => this.#pending.get(record.id) ?? record)
  }

  /**
   * Creates a record, validated by the collection's schema as `create` validates it.
   * @note With no `create` listener but the table's own (nobody called `mock.db.*.hooks.on('create')`), the
   * record is parsed and appended here rather than by `collection.create`, which first rebuilds the values to
   * strip relation getters (the mock's values have none) and runs its hooks through an async emitter: that was a
   * third of a send's time in the store. With another listener, `create` runs, so it sees every record made.
   */
  async insert(values: Partial<R>): Promise<R> {
    if (this.collection.hooks.listenerCount('create') !== 1 || !this.collection.canAppendNow) return this.#createOwn(values)
    const record = (await this.collection.parse(values)) as R
    this.#onCreate(record)
    this.collection.appendNow(record)
    return record
  }

  /**
   * Adds records a table of the same schema holds already (`copies` of `originals`, one for one), skipping
   * validation and hooks; falls back to `insert` where the collection cannot take them so.
   */
  async insertValidated(copies: R[], originals: readonly R[]): Promise<void> {
    if (copies.length === 0) return
    // The originals need not be records a collection made (a baseline dataset's are copies without @msw/data's
    // symbols): the symbols come from the collection's probe.
    if (!(await this.collection.canAppend())) {
      for (const record of copies) await this.insert(record)
      return
    }
    await this.collection.appendLoaded(copies)
    for (const record of copies) {
      this.#byId.set(record.id, record)
      this.#observeId(record.id)
      if (this.#baseline) this.#setCreated(record.id, true)
      for (const index of this.#indexes) index.upsert(record)
    }
    this.#onMutate()
  }

  /**
   * Adds the records of a dataset being loaded, in order, each made by `recordAt` (the collection's schema: checked,
   * defaults filled in) and checked as `create` checks a record (the guards, a free id), then appended without
   * `create` hooks, with a numeric primary key and no relation map until one is read (see TrackedCollection):
   * the checks of creating them one by one, in a fraction of the time and memory, and no copy kept of what was
   * parsed. Where the collection cannot take records so, they are created one by one.
   */
  async load(count: number, recordAt: (index: number) => R): Promise<void> {
    if (count === 0) return
    if (!(await this.collection.canAppend())) {
      for (let i = 0; i < count; i++) await this.insert(recordAt(i))
      return
    }
    const records: R[] = []
    try {
      for (let i = 0; i < count; i++) {
        const record = recordAt(i)
        for (const check of this.#guards) check(record, 'create')
        if (this.#byId.has(record.id)) throw this.#idTaken(record.id)
        this.#byId.set(record.id, record)
        this.#observeId(record.id)
        if (this.#baseline) this.#setCreated(record.id, true)
        records.push(record)
      }
    } finally {
      // Also when a record is refused: the table, its indexes and its collection then hold the same records.
      // The indexes take them all at once (the guards read only the table, never an index).
      for (const index of this.#indexes) {
        if (index.upsertMany) index.upsertMany(records)
        else for (const record of records) index.upsert(record)
      }
      await this.collection.appendLoaded(records)
      this.#onMutate()
    }
  }

  /**
   * Changes a record in place and tells indexes and hook listeners. Only keys whose value differs are applied.
   * @returns the same record object, changed
   */
  update(record: R, patch: Partial<R>): R {
    const current = this.get(record.id) ?? record
    if (patch.id !== undefined && patch.id !== current.id) {
      throw new Error(`Failed to update ${this.name} ${current.id}: ids never change. Please create a new record instead.`)
    }
    const changedKeys = (Object.keys(patch) as (keyof R)[]).filter((key) => !Object.is(current[key], patch[key]))
    if (changedKeys.length === 0) return current
    // The baseline's original is a deep copy (it outlives the transaction). The journal needs only the values
    // this update replaces: the mock's writes give a changed field a new value (a new array or object) and never
    // change a value in place, so the record's values as they stand now are what a rollback puts back (it copies
    // them then). A shallow copy is a fraction of a deep one: copying a conversation was an eighth of a close.
    const original = this.#rememberOriginal(current)
    this.#journalTouch(current.id, current, () => original ?? ({ ...current }))
    const before = this.#hasForeignUpdateListeners() ? copyData(current) : undefined
    for (const key of changedKeys) current[key] = compactWrittenField(patch[key]) as R[keyof R]
    for (const index of this.#indexes) index.upsert(current)
    if (before) this.#emitUpdate(before, current, changedKeys)
    this.#onMutate()
    return current
  }

  /** Deletes a record through the collection. */
  delete(record: R): void {
    const current = this.get(record.id)
    if (current) this.collection.delete(current)
  }

  /** Records the current state as the one `restoreBaseline()` returns to. */
  markBaseline(): void {
    this.#baseline = new Set(this.#byId.keys())
    this.#clearChangeTracking()
  }

  /**
   * The records as they were at `markBaseline()`, in the order they were added: the saved original of each one
   * changed or deleted since, the record itself for the others. Shared, not copied: the caller copies them.
   */
  baselineRecords(): R[] {
    const baseline = this.#baseline
    if (!baseline) throw new Error(`Failed to read the baseline of ${this.name}: no baseline was recorded. Please call markBaseline() first.`)
    const records: R[] = []
    for (const id of baseline) {
      const record = this.#originals.get(id) ?? this.get(id)
      if (record) records.push(record)
    }
    return records
  }

  /** Whether anything changed since the baseline. */
  get dirty(): boolean {
    return this.#originals.size > 0 || this.#created.size > 0
  }

  /**
   * Undoes every change since `markBaseline()`: deletes records created since, restores changed records in
   * place and re-creates deleted ones. Costs time in proportion to what changed, not to the table's size.
   */
  async restoreBaseline(): Promise<void> {
    const baseline = this.#baseline
    if (!baseline) throw new Error(`Failed to reset ${this.name}: no baseline was recorded. Please call markBaseline() first.`)
    this.#deleteAll(this.#created)
    const recreate: R[] = []
    for (const [id, original] of this.#originals) {
      const current = this.get(id)
      if (current) {
        const before = this.#hasForeignUpdateListeners() ? copyData(current) : undefined
        const keys = new Set([...Object.keys(current), ...Object.keys(original)]) as Set<keyof R>
        for (const key of keys) {
          if (key in original) current[key] = copyData(original[key])
          else delete current[key]
        }
        for (const index of this.#indexes) index.upsert(current)
        if (before) this.#emitUpdate(before, current, Array.from(keys))
      } else {
        recreate.push(original)
      }
    }
    for (const original of recreate) await this.#createOwn(copyData(original))
    this.#clearChangeTracking()
    this.#onMutate()
  }

  /** What changed since the baseline: the current records of changed or created ids, and deleted baseline ids. */
  changes(): { upserts: R[]; deleted: number[] } {
    const upserts: R[] = []
    const deleted: number[] = []
    for (const id of new Set([...this.#originals.keys(), ...this.#created])) {
      const record = this.get(id)
      if (record) upserts.push(copyData(record))
      else if (this.#baseline?.has(id)) deleted.push(id)
    }
    upserts.sort((a, b) => a.id - b.id)
    return { upserts, deleted: deleted.sort((a, b) => a - b) }
  }

  /** Applies changes taken with `changes()` (records already validated): overwrites or creates, then deletes. */
  async applyChanges(changes: { upserts: R[]; deleted: number[] }): Promise<void> {
    for (const record of changes.upserts) {
      const current = this.get(record.id)
      if (!current) {
        await this.insert(copyData(record))
        continue
      }
      const patch: Partial<R> = {}
      for (const key of new Set([...Object.keys(current), ...Object.keys(record)]) as Set<keyof R>) {
        if (JSON.stringify(current[key]) !== JSON.stringify(record[key])) patch[key] = copyData(record[key]) as R[keyof R]
      }
      this.update(current, patch)
    }
    for (const id of changes.deleted) {
      const record = this.get(id)
      if (record) this.delete(record)
    }
  }

  /**
   * Deletes the records with these ids in one pass over the collection.
   * @note `collection.delete` finds a record by scanning every row, so deleting k records that way costs k full
   * scans: a test that sent a few hundred messages would make reset slow. Instead the live array that
   * `collection.all()` returns is compacted once, after emitting the same `delete` hooks. Should a future
   * @msw/data return a copy from `all()`, the count check falls back to the public API.
   */
  #deleteAll(ids: ReadonlySet<number>): void {
    const doomed = Array.from(ids, (id) => this.get(id)).filter((record): record is R => record !== undefined)
    if (doomed.length === 0) return
    const doomedIds = new Set(doomed.map((record) => record.id))
    const live = this.collection.all() as R[]
    const before = this.collection.count()
    for (const record of doomed) this.collection.hooks.emit(new TypedEvent('delete', { data: { deletedRecord: record } }) as never)
    let kept = 0
    for (let i = 0; i < live.length; i++) {
      const record = live[i]!
      if (!doomedIds.has(record.id)) live[kept++] = record
    }
    live.length = kept
    if (this.collection.count() !== before - doomed.length) {
      for (const record of doomed) this.collection.delete(record)
    }
  }

  /** Starts recording what changes, for `rollback()`. */
  begin(): void {
    this.#inTransaction = true
    this.#journal = undefined
  }

  /** Keeps what changed since `begin()`. */
  commit(): void {
    this.#inTransaction = false
    this.#journal = undefined
  }

  /**
   * Puts back every record as it was at `begin()`: created ones deleted, changed ones restored in place,
   * deleted ones re-created; the change tracking since the baseline too. Costs time in proportion to what the
   * transaction touched.
   */
  async rollback(): Promise<void> {
    const journal = this.#journal
    this.#journal = undefined
    this.#inTransaction = false
    if (!journal) return
    if (journal.before.size === 0 && journal.originalsAdded.length === 0 && journal.createdBefore.size === 0 && !journal.atBegin) return
    const created = new Set<number>()
    const recreate: R[] = []
    for (const [id, before] of journal.before) {
      const current = this.get(id)
      if (before === undefined) {
        if (current) created.add(id)
        continue
      }
      if (!current) {
        recreate.push(before)
        continue
      }
      const previous = this.#hasForeignUpdateListeners() ? copyData(current) : undefined
      const keys = new Set([...Object.keys(current), ...Object.keys(before)]) as Set<keyof R>
      for (const key of keys) {
        if (key in before) current[key] = copyData(before[key])
        else delete current[key]
      }
      for (const index of this.#indexes) index.upsert(current)
      if (previous) this.#emitUpdate(previous, current, Array.from(keys))
    }
    this.#deleteAll(created)
    for (const record of recreate) await this.#createOwn(copyData(record))
    // After the hooks above, which touch the bookkeeping as any delete or create does.
    if (journal.atBegin) {
      this.#originals.clear()
      for (const [id, record] of journal.atBegin.originals) this.#originals.set(id, record)
      this.#created.clear()
      for (const id of journal.atBegin.created) this.#created.add(id)
    } else {
      for (const id of journal.originalsAdded) this.#originals.delete(id)
      for (const [id, had] of journal.createdBefore) {
        if (had) this.#created.add(id)
        else this.#created.delete(id)
      }
    }
    this.#onMutate()
  }

  /** Marks an id as created since the baseline, or not, logging what it was for a rollback. */
  #setCreated(id: number, created: boolean): void {
    const journal = this.#openJournal()
    if (journal && !journal.atBegin && !journal.createdBefore.has(id)) journal.createdBefore.set(id, this.#created.has(id))
    if (created) this.#created.add(id)
    else this.#created.delete(id)
  }

  /** Forgets what changed since the baseline (a new baseline, a reset); inside a transaction, keeps what was. */
  #clearChangeTracking(): void {
    const journal = this.#openJournal()
    if (journal && !journal.atBegin) {
      // The bookkeeping as it stood at begin(): now's, with this transaction's own steps undone.
      const originals = new Map(this.#originals)
      for (const id of journal.originalsAdded) originals.delete(id)
      const created = new Set(this.#created)
      for (const [id, had] of journal.createdBefore) {
        if (had) created.add(id)
        else created.delete(id)
      }
      journal.atBegin = { originals, created }
    }
    this.#originals.clear()
    this.#created.clear()
  }

  /**
   * The running transaction's journal, made when it first has something to record: most transactions touch one
   * or two of the tables, and `begin()` runs on all of them.
   */
  #openJournal(): Journal<R> | undefined {
    if (!this.#inTransaction) return undefined
    return (this.#journal ??= { before: new Map(), originalsAdded: [], createdBefore: new Map() })
  }

  /** Remembers a record's state before the running transaction first changes it (undefined: it did not exist). */
  #journalTouch(id: number, current: R | undefined, copyOf: () => R = () => copyData(current!)): void {
    const journal = this.#openJournal()
    if (!journal || journal.before.has(id)) return
    journal.before.set(id, current === undefined ? undefined : copyOf())
  }

  #hasForeignUpdateListeners(): boolean {
    return this.collection.hooks.listenerCount('update') > 1
  }

  #emitUpdate(before: R, after: R, keys: (keyof R)[]): void {
    this.#ownWrite = true
    try {
      for (const key of keys) {
        this.collection.hooks.emit(
          new TypedEvent('update', {
            data: { prevRecord: before, nextRecord: after, path: [key], prevValue: before[key], nextValue: after[key] },
          }) as never,
        )
      }
    } finally {
      this.#ownWrite = false
    }
  }

  /** Keeps a deep copy of a baseline record before its first change since the baseline; returns it if made now. */
  #rememberOriginal(record: R): R | undefined {
    if (this.#baseline?.has(record.id) && !this.#originals.has(record.id)) {
      const original = copyData(record)
      this.#originals.set(record.id, original)
      const journal = this.#openJournal()
      if (journal && !journal.atBegin) journal.originalsAdded.push(record.id)
      return original
    }
    return undefined
  }

  #onCreate(record: R): void {
    // Maps keyed by data as the store keeps them (see compact-record.ts), whoever made the record.
    compactMaps(record)
    for (const check of this.#guards) check(record, 'create')
    if (this.#byId.has(record.id)) throw this.#idTaken(record.id)
    this.#journalTouch(record.id, undefined)
    this.#byId.set(record.id, record)
    this.#observeId(record.id)
    // A baseline id created again by hand after a delete counts as created too: reset deletes it and brings
    // back the original.
    if (this.#baseline) this.#setCreated(record.id, true)
    for (const index of this.#indexes) index.upsert(record)
    this.#onMutate()
  }

  /** Creates a record through the collection as the table's own (not reported to `onDirectCreate` listeners). */
  async #createOwn(values: Partial<R>): Promise<R> {
    this.#ownValues.add(values)
    return (await this.collection.create(values)) as R
  }

  #idTaken(id: number): Error {
    return new Error(`Failed to create ${this.name} ${id}: that id is already taken. Please leave "id" out to get the next free one.`)
  }

  #onDirectUpdate(prevRecord: R, nextRecord: R): void {
    const before = this.#byId.get(prevRecord.id)
    if (!before) return
    for (const check of this.#guards) check(nextRecord, 'update')
    this.#journalTouch(prevRecord.id, prevRecord)
    if (nextRecord.id !== prevRecord.id) this.#journalTouch(nextRecord.id, undefined)
    this.#rememberOriginal(prevRecord)
    if (nextRecord.id !== prevRecord.id) {
      if (this.#byId.has(nextRecord.id)) {
        throw new Error(`Failed to update ${this.name} ${prevRecord.id}: id ${nextRecord.id} is already taken.`)
      }
      for (const index of this.#indexes) index.remove(before)
      this.#byId.delete(prevRecord.id)
      this.#pending.delete(prevRecord.id)
      this.#byId.set(nextRecord.id, before)
      this.#observeId(nextRecord.id)
      if (this.#baseline) this.#setCreated(nextRecord.id, true)
    }
    this.#pending.set(nextRecord.id, nextRecord)
    for (const index of this.#indexes) index.upsert(nextRecord)
    this.#onMutate()
  }

  /** Holds the object the collection now holds for this record. */
  #adopt(record: R): void {
    if (!this.#byId.has(record.id)) return
    this.#byId.set(record.id, record)
    this.#pending.delete(record.id)
    for (const index of this.#indexes) index.upsert(record)
  }

  /** After a failed direct update: re-read every record the update may have announced. */
  #resync(): void {
    if (this.#pending.size === 0) return
    const actual = new Map((this.collection.all() as R[]).map((record) => [record.id, record]))
    for (const id of this.#pending.keys()) {
      const record = actual.get(id)
      this.#pending.delete(id)
      if (record) this.#adopt(record)
    }
  }

  #onDelete(record: R): void {
    const known = this.#byId.get(record.id)
    if (!known) return
    this.#journalTouch(record.id, this.get(record.id) ?? record)
    this.#rememberOriginal(record)
    this.#byId.delete(record.id)
    this.#pending.delete(record.id)
    this.#setCreated(record.id, false)
    for (const index of this.#indexes) index.remove(record)
    this.#onMutate()
  }
}
