import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'

export const surveySchema = z.object({
  id: idSchema,
  name: z.string(),
  type: z.enum(['nps', 'csat']),
  question: z.string(),
  created: timestampSchema,
  updated: timestampSchema,
})
export type Survey = z.infer<typeof surveySchema>

/** Body of `POST /v1/surveys`: `page` counts from 1. */
export const listSurveysRequestSchema = z.object({
  limit: z.int().min(1).max(100).optional(),
  page: z.int().min(1).optional(),
})
