import type { Survey } from '../schema/survey.js'
import type { SurveyRecord } from '../store/records.js'
import type { MockContext } from './context.js'
import { notFound } from './errors.js'
import { parseTimestamp } from '../primitives/timestamps.js'

function viewSurvey(record: SurveyRecord): Survey {
  return { id: record.id, name: record.name, type: record.type, question: record.question, created: record.created, updated: record.updated }
}

/** `POST /v1/surveys`: `limit` per page (30), `page` counted from 1, newest first. */
export function listSurveys(ctx: MockContext, request: { limit?: number; page?: number }): Survey[] {
  const limit = request.limit ?? 30
  const page = request.page ?? 1
  return ctx.store.tables.survey
    .values()
    .sort((a, b) => parseTimestamp(b.created)! - parseTimestamp(a.created)! || b.id - a.id)
    .slice((page - 1) * limit, page * limit)
    .map(viewSurvey)
}

export function getSurvey(ctx: MockContext, id: number): Survey {
  const survey = ctx.store.tables.survey.get(id)
  if (!survey) throw notFound('id', `Failed to get survey: survey ${id} does not exist. Please use an id from POST /v1/surveys.`)
  return viewSurvey(survey)
}
