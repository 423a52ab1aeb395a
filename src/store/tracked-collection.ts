import { Collection } from '@msw/data'

export type ReplacementListener = {
  /** `update`/`updateMany` finished: these objects now stand in the collection for their records. */
  replaced(records: readonly object[]): void
  /** `update`/`updateMany` threw after its hooks may have run. */
  failed(): void
}

/**
 * Primary keys of records appended by `appendLoaded`: any value unique among a collection's records does
 * (@msw/data compares them with ===); a number costs no memory, where `create` draws a UUID string.
 */
let nextPrimaryKey = 1

const relationMapAccessors = new Map<symbol, PropertyDescriptor>()

/**
 * A record's relation map, made on first read: the mock defines no relations, so most records never need one,
 * and an empty Map per record is a good part of a small record's memory.
 */
function relationMapAccessor(symbol: symbol): PropertyDescriptor {
  let descriptor = relationMapAccessors.get(symbol)
  if (!descriptor) {
    descriptor = {
      enumerable: false,
      configurable: true,
      get(this: object) {
        const map = new Map()
        Object.defineProperty(this, symbol, { enumerable: false, configurable: false, value: map })
        return map
      },
    }
    relationMapAccessors.set(symbol, descriptor)
  }
  return descriptor
}

type RecordSymbols = { primaryKey: symbol; relationMap: symbol }

/** @msw/data's two record symbols, read off a record it created; undefined when it no longer has them. */
function recordSymbolsOf(record: object): RecordSymbols | undefined {
  const symbols = Object.getOwnPropertySymbols(record)
  const primaryKey = symbols.find((symbol) => symbol.description === 'kPrimaryKey')
  const relationMap = symbols.find((symbol) => symbol.description === 'kRelationMap')
  return primaryKey && relationMap ? { primaryKey, relationMap } : undefined
}

let probe: Promise<RecordSymbols | undefined> | undefined
/** What the probe found, once it has: lets a write that must not wait for the probe add a record synchronously. */
let probedSymbols: RecordSymbols | undefined

/**
 * The record symbols, from one record that a throwaway collection creates (once per process): a store loading a
 * dataset has no record of its own to read them from yet. Its schema accepts anything, so the probe never fails
 * on validation; it only finds out how this @msw/data marks records.
 */
function probedRecordSymbols(): Promise<RecordSymbols | undefined> {
  probe ??= (async () => {
    const acceptAnything = { '~standard': { version: 1 as const, vendor: 'heymarket-mock', validate: (value: unknown) => ({ value }) } }
    try {
      const collection = new Collection({ schema: acceptAnything as never }) as unknown as { create(values: object): Promise<object> }
      probedSymbols = recordSymbolsOf(await collection.create({}))
      return probedSymbols
    } catch {
      return undefined
    }
  })()
  return probe
}

/** What a collection's schema is to @msw/data: a Standard Schema, of which only `validate` is used here. */
type StandardSchemaIssue = { message: string; path?: readonly unknown[] }
type StandardSchema = {
  '~standard': { validate(value: unknown): { value?: unknown; issues?: readonly StandardSchemaIssue[] } | Promise<{ value?: unknown; issues?: readonly StandardSchemaIssue[] }> }
}

/**
 * A collection that says when `update` and `updateMany` have replaced record objects.
 *
 * @note @msw/data's updates replace a record with a new object, and do so even when nothing changed (then no
 * hook fires at all). The mock changes records in place for speed, so it must always hold the object the
 * collection holds: this subclass reports every replacement once it has happened. Everything else is the
 * plain `Collection`, and `db.*` is typed as one.
 */
export class TrackedCollection extends Collection<any> {
  #listener: ReplacementListener | undefined
  readonly #schema: StandardSchema

  constructor(options: { schema: StandardSchema }) {
    super(options as never)
    this.#schema = options.schema
  }

  track(listener: ReplacementListener): void {
    this.#listener = listener
  }

  /**
   * Whether `appendLoaded` can add records to this collection: false when @msw/data no longer keeps records as
   * this module expects (see `appendLoaded`), and the caller must create them the ordinary way.
   */
  async canAppend(): Promise<boolean> {
    return (await probedRecordSymbols()) !== undefined && this.#keepsLiveArray()
  }

  /** `all()` gives the collection's own array of records (what appending to it relies on), not a copy. */
  #keepsLiveArray(): boolean {
    return Array.isArray(this.all()) && this.all() === this.all()
  }

  /**
   * Appends records that the caller validated against this collection's schema (a dataset being loaded, or copies
   * of records a collection of the same schema holds), with no `create` hooks: what makes a new mock from an
   * already loaded dataset cheap.
   * @note @msw/data keeps two internal symbols on every record (its primary key and its relation map) and `all()`
   * returns its live array; the symbols are read off a record a throwaway collection made (`probedRecordSymbols`).
   * Throws if `canAppend()` said no, or if the collection did not take them (then it holds none of them).
   */
  async appendLoaded(records: readonly object[]): Promise<void> {
    const symbols = await probedRecordSymbols()
    if (!symbols || !this.#append(records, symbols)) {
      throw new Error('Failed to load records: this version of @msw/data keeps records differently. Please report it to heymarket-mock.')
    }
  }

  /**
   * What `create` makes of these values: checked by the collection's schema, defaults filled in. Throws, as
   * `create` does, when they do not match it.
   */
  async parse(values: object): Promise<object> {
    const result = await this.#schema['~standard'].validate(values)
    if (result.issues) {
      const issue = result.issues[0]!
      throw new Error(`Failed to create a new record with initial values: does not match the schema (${(issue.path ?? []).join('.') || 'record'}: ${issue.message}).`)
    }
    return result.value as object
  }

  /**
   * Whether `appendNow` can add a record right away: the probe has run (it runs when the first dataset loads)
   * and found how @msw/data marks records.
   */
  get canAppendNow(): boolean {
    return probedSymbols !== undefined && this.#keepsLiveArray()
  }

  /** `appendLoaded` for one record, synchronously; only after `canAppendNow` said yes. */
  appendNow(record: object): void {
    if (!probedSymbols || !this.#append([record], probedSymbols)) {
      throw new Error('Failed to add a record: this version of @msw/data keeps records differently. Please report it to heymarket-mock.')
    }
  }

  #append(records: readonly object[], symbols: RecordSymbols): boolean {
    const live = this.all() as object[]
    if (!Array.isArray(live) || live !== this.all()) return false
    const before = this.count()
    const relationMapOnDemand = relationMapAccessor(symbols.relationMap)
    for (const record of records) {
      Object.defineProperty(record, symbols.primaryKey, { enumerable: false, configurable: false, value: nextPrimaryKey++ })
      Object.defineProperty(record, symbols.relationMap, relationMapOnDemand)
      live.push(record)
    }
    if (this.count() === before + records.length) return true
    live.length = before
    return false
  }

  override async update(...args: any[]): Promise<any> {
    try {
      const record = await super.update(args[0], args[1])
      if (record) this.#listener?.replaced([record])
      return record
    } catch (error) {
      this.#listener?.failed()
      throw error
    }
  }

  override async updateMany(...args: any[]): Promise<any> {
    try {
      const records = await super.updateMany(args[0], args[1])
      this.#listener?.replaced(records)
      return records
    } catch (error) {
      this.#listener?.failed()
      throw error
    }
  }
}
