import type { PaginationRequest } from '../schema/contact-requests.js'
import type { Tag } from '../schema/tag.js'
import type { TagRecord } from '../store/records.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'
import { pageOf, searchFor } from './paging.js'

export function viewTag(record: TagRecord): Tag {
  return {
    id: record.id,
    tag: record.tag,
    color: record.color,
    team_id: record.team_id,
    created: record.created,
    updated: record.updated,
    rev: record.rev,
  }
}

function requireTag(ctx: MockContext, id: number, action: string): TagRecord {
  const tag = ctx.store.tables.tag.get(id)
  if (!tag) throw notFound('id', `Failed to ${action}: tag ${id} does not exist. Please use an id from POST /v1/tags.`)
  return tag
}

/** `POST /v1/tag`. A tag name that exists (ignoring case) is refused rather than duplicated. */
export async function createTag(ctx: MockContext, request: { tag: string; color?: string }) {
  const existing = ctx.store.tables.tag.values().find((tag) => tag.tag.toLowerCase() === request.tag.toLowerCase())
  if (existing) throw badData('tag', `Failed to create tag: tag ${existing.id} is already called ${JSON.stringify(existing.tag)}. Please use it, or pick another name.`)
  const now = ctx.clock.timestamp()
  const tag = await ctx.store.tables.tag.insert({
    tag: request.tag,
    ...(request.color ? { color: request.color.toUpperCase() } : {}),
    team_id: ctx.store.team()?.id ?? 0,
    created: now,
    updated: now,
  })
  return { id: tag.id, rev: tag.rev, uuid: tag.uuid }
}

export function getTag(ctx: MockContext, id: number): Tag {
  return viewTag(requireTag(ctx, id, 'get tag'))
}

/** `DELETE /v1/tag/{id}`: the tag goes, and with it from every contact that had it. */
export function deleteTag(ctx: MockContext, id: number): void {
  const tag = requireTag(ctx, id, 'delete tag')
  for (const contact of ctx.store.tables.contact.values()) {
    if (contact.tags.some((ref) => ref.tag_id === tag.id)) {
      ctx.store.tables.contact.update(contact, { tags: contact.tags.filter((ref) => ref.tag_id !== tag.id) })
    }
  }
  ctx.store.tables.tag.delete(tag)
}

/** `POST /v1/tags`: 30 most recently updated, `date` cursor, `filter` searches names. */
export function listTags(ctx: MockContext, request: PaginationRequest): Tag[] {
  const search = searchFor(request.filter, (tagId) => ctx.store.tables.tag.get(tagId), (tag) => [tag.tag])
  return pageOf(ctx.store.indexes.tagsByUpdated.list, request, search).map((tagId) => viewTag(ctx.store.tables.tag.get(tagId)!))
}
