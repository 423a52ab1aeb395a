import type { PaginationRequest } from '../schema/contact-requests.js'
import type { Template, TemplateRequest } from '../schema/template.js'
import type { TemplateRecord } from '../store/records.js'
import { teamOwner } from './contacts.js'
import type { MockContext } from './context.js'
import { notFound } from './errors.js'
import { countOf, pageOf, searchFor } from './paging.js'

export function viewTemplate(record: TemplateRecord): Template {
  return {
    id: record.id,
    name: record.name,
    local_id: record.local_id,
    content: { text: record.content.text, gallery: structuredClone(record.content.gallery ?? []) },
    team_id: record.team_id,
    creator_id: record.creator_id,
    shared: record.shared,
    created: record.created,
    updated: record.updated,
    rev: record.rev,
    archived: record.archived,
  }
}

function requireTemplate(ctx: MockContext, id: number, action: string): TemplateRecord {
  const template = ctx.store.tables.template.get(id)
  if (!template) throw notFound('id', `Failed to ${action}: template ${id} does not exist. Please use an id from POST /v1/templates.`)
  return template
}

/** `POST /v1/template`: its `title` is the template's `name`. */
export async function createTemplate(ctx: MockContext, request: TemplateRequest) {
  const now = ctx.clock.timestamp()
  const template = await ctx.store.tables.template.insert({
    name: request.title,
    content: request.content,
    local_id: request.local_id ?? '',
    archived: request.archived ?? false,
    team_id: ctx.store.team()?.id ?? 0,
    creator_id: teamOwner(ctx)?.id ?? 0,
    created: now,
    updated: now,
  })
  return { id: template.id, rev: template.rev, uuid: template.uuid }
}

export function getTemplate(ctx: MockContext, id: number): Template {
  return viewTemplate(requireTemplate(ctx, id, 'get template'))
}

/** `PUT /v1/template/{id}`: the same body as create, replacing the template; `rev` goes up. */
export function updateTemplate(ctx: MockContext, id: number, request: TemplateRequest) {
  const template = requireTemplate(ctx, id, 'update template')
  const updated = ctx.store.tables.template.update(template, {
    name: request.title,
    content: request.content,
    ...(request.local_id !== undefined ? { local_id: request.local_id } : {}),
    ...(request.archived !== undefined ? { archived: request.archived } : {}),
    updated: ctx.clock.timestamp(),
    rev: template.rev + 1,
  })
  return { id: updated.id, rev: updated.rev }
}

export function deleteTemplate(ctx: MockContext, id: number): void {
  ctx.store.tables.template.delete(requireTemplate(ctx, id, 'delete template'))
}

/**
 * `POST /v1/templates`: up to 30 (or `limit`) most recently updated, `date` cursor, `filter` searches names and
 * text. Archived templates are listed only with `archived: true`.
 */
function templateFilter(ctx: MockContext, request: PaginationRequest) {
  const search = searchFor(request.filter, (id) => ctx.store.tables.template.get(id), (template) => [template.name, template.content.text])
  const archived = request.archived ?? false
  return (id: number) => ctx.store.tables.template.get(id)!.archived === archived && (search ? search(id) : true)
}

export function listTemplates(ctx: MockContext, request: PaginationRequest): Template[] {
  return pageOf(ctx.store.indexes.templatesByUpdated.list, request, templateFilter(ctx, request)).map((id) => viewTemplate(ctx.store.tables.template.get(id)!))
}
