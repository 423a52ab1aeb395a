import { createListV1, createListV2, deleteList, getList, listLists, updateListV1, updateListV2 } from '../rules/lists.js'
import { getSurvey, listSurveys } from '../rules/surveys.js'
import { createTag, deleteTag, getTag, listTags } from '../rules/tags.js'
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from '../rules/templates.js'
import { operations } from '../schema/operations.js'
import { route } from './route.js'

/** Lists (v1 and v2), templates, tags and surveys: what sends refer to by id. */
export const catalogRoutes = [
  route(operations.createListV1, (ctx, { body }) => createListV1(ctx, body)),
  route(operations.getList, (ctx, { params }) => getList(ctx, params.id)),
  route(operations.updateListV1, (ctx, { params, body }) => updateListV1(ctx, params.id, body)),
  route(operations.deleteListV1, (ctx, { params }) => (deleteList(ctx, params.id), 'ok')),
  route(operations.listLists, (ctx, { body }) => listLists(ctx, body)),
  route(operations.createListV2, (ctx, { body }) => createListV2(ctx, body)),
  route(operations.updateListV2, (ctx, { params, body }) => updateListV2(ctx, params.id, body)),
  route(operations.deleteListV2, (ctx, { params }) => (deleteList(ctx, params.id), { deleted: true as const, id: params.id })),
  route(operations.createTemplate, (ctx, { body }) => createTemplate(ctx, body)),
  route(operations.getTemplate, (ctx, { params }) => getTemplate(ctx, params.id)),
  route(operations.updateTemplate, (ctx, { params, body }) => updateTemplate(ctx, params.id, body)),
  route(operations.deleteTemplate, (ctx, { params }) => (deleteTemplate(ctx, params.id), 'ok')),
  route(operations.listTemplates, (ctx, { body }) => listTemplates(ctx, body)),
  route(operations.createTag, (ctx, { body }) => createTag(ctx, body)),
  route(operations.getTag, (ctx, { params }) => getTag(ctx, params.id)),
  route(operations.deleteTag, (ctx, { params }) => (deleteTag(ctx, params.id), 'ok')),
  route(operations.listTags, (ctx, { body }) => listTags(ctx, body)),
  route(operations.listSurveys, (ctx, { body }) => listSurveys(ctx, body)),
  route(operations.getSurvey, (ctx, { params }) => getSurvey(ctx, params.id)),
]
