import { Collection } from '@msw/data'

export type ReplacementListener = {
  /** `update`/`updateMany` finished: these objects now stand in the collection for their records. */
  replaced(records: readonly object[]): void
  /** `update`/`updateMany` threw after its hooks may have run. */
  failed(): void
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

  track(listener: ReplacementListener): void {
    this.#listener = listener
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
