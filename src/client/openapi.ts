import { z } from 'zod'
import { contactSchema } from '../schema/contact.js'
import { contactFieldSchema } from '../schema/contact-field.js'
import { contactV2Schema } from '../schema/contact-requests.js'
import { conversationSchema } from '../schema/conversation.js'
import { errorBodySchema } from '../schema/errors.js'
import { inboxSchema } from '../schema/inbox.js'
import { listSchema } from '../schema/list.js'
import { messageSchema } from '../schema/message.js'
import { operations, type OperationId, type OperationSpec } from '../schema/operations.js'
import { scheduledSchema } from '../schema/scheduled.js'
import { surveySchema } from '../schema/survey.js'
import { tagSchema } from '../schema/tag.js'
import { memberSchema, teamSchema } from '../schema/team.js'
import { templateSchema } from '../schema/template.js'

type JsonSchema = Record<string, unknown>

/** The API's objects, named once in `components.schemas` and referred to everywhere else. */
const WIRE_OBJECTS: Record<string, z.ZodType> = {
  Conversation: conversationSchema,
  Message: messageSchema,
  Inbox: inboxSchema,
  Team: teamSchema,
  Member: memberSchema,
  Contact: contactSchema,
  ContactV2: contactV2Schema,
  ContactField: contactFieldSchema,
  Template: templateSchema,
  Tag: tagSchema,
  List: listSchema,
  Survey: surveySchema,
  Scheduled: scheduledSchema,
  ErrorBody: errorBodySchema,
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'bad_data: the body, a parameter or a field is invalid (the message names it); nothing changed',
  '401': 'unauthorized: missing or invalid credentials',
  '403': 'denied: the acting user may not do this (not a member of the inbox, an opted-out contact)',
  '404': 'not_found: an id names nothing',
  '413': 'payload_too_large: the body is over the size limit',
  '415': 'unsupported_media_type: the body is not JSON',
  '429': 'rate_limited: too many requests; see Retry-After',
}

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1)
const uri = (id: string) => `#/components/schemas/${id}`

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema
  return rest
}

/** Turns a params or query schema (an object) into OpenAPI parameters. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return []
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: withoutDialect(property),
  }))
}

export type OpenApiOptions = {
  /** Servers the document names (default the service's own, https://api.heymarket.com). */
  servers?: { url: string; description?: string }[]
}

/**
 * The OpenAPI 3.1 document of every endpoint the mock serves, made from the same zod schemas the mock validates
 * with (there is no hand-kept copy): request bodies as clients may send them, answers as the mock sends them.
 *
 * @example writeFileSync('openapi.json', JSON.stringify(createOpenApiDocument(), null, 2))
 */
export function createOpenApiDocument(options: OpenApiOptions = {}): JsonSchema {
  const answers = z.registry<{ id: string }>()
  const requests = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(WIRE_OBJECTS)) answers.add(schema, { id })
  const specs = Object.entries(operations) as [OperationId, OperationSpec][]
  for (const [id, spec] of specs) {
    if (!answers.has(spec.response)) answers.add(spec.response, { id: `${pascal(id)}Response` })
    if (spec.body && !requests.has(spec.body)) requests.add(spec.body, { id: `${pascal(id)}Request` })
    if (spec.entry && !requests.has(spec.entry)) requests.add(spec.entry, { id: `${pascal(id)}Entry` })
  }
  const answerSchemas = z.toJSONSchema(answers, { io: 'output', unrepresentable: 'any', uri }).schemas as Record<string, JsonSchema>
  const requestSchemas = z.toJSONSchema(requests, { io: 'input', unrepresentable: 'any', uri }).schemas as Record<string, JsonSchema>
  const components: Record<string, JsonSchema> = {}
  for (const [id, schema] of [...Object.entries(answerSchemas), ...Object.entries(requestSchemas)]) {
    if (components[id]) throw new Error(`Failed to build the OpenAPI document: two schemas are named ${id}.`)
    components[id] = withoutDialect(schema)
  }

  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const [id, spec] of specs) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}')
    const responses: Record<string, JsonSchema> = {
      '200': {
        description: 'OK',
        headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
        content: { 'application/json': { schema: { $ref: uri(answers.get(spec.response)!.id) } } },
      },
    }
    for (const status of Object.keys(ERROR_STATUSES)) responses[status] = { $ref: `#/components/responses/Error${status}` }
    paths[path] ??= {}
    paths[path]![spec.method.toLowerCase()] = {
      operationId: id,
      summary: spec.summary,
      tags: [spec.tag],
      externalDocs: { description: 'The developer docs page', url: `https://developers.heymarket.com${spec.docs}` },
      ...(spec.deprecated ? { deprecated: true } : {}),
      ...(spec.rules
        ? {
            description: `Rules a JSON Schema cannot state (each a 400 naming the field): ${spec.rules.map((rule) => `${rule.field}: ${rule.rule}`).join('; ')}.`,
            'x-heymarket-rules': spec.rules,
          }
        : {}),
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              ...(spec.entry
                ? {
                    description: `Each entry is checked on its own against ${requests.get(spec.entry)!.id} (x-heymarket-entry): an entry that breaks it is answered as failed, with why, and the others go ahead; only the shape of the whole body is a 400.`,
                  }
                : {}),
              content: {
                'application/json': {
                  schema: { $ref: uri(requests.get(spec.body)!.id) },
                  ...(spec.entry ? { 'x-heymarket-entry': { $ref: uri(requests.get(spec.entry)!.id) } } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Heymarket API, as heymarket-mock serves it',
      version: '1',
      description:
        'Every endpoint of the Heymarket messaging API that heymarket-mock serves, generated from the zod schemas the mock validates requests and answers with. The mock-only control endpoints (/__mock/*) are not part of it.',
    },
    servers: options.servers ?? [{ url: 'https://api.heymarket.com', description: 'The Heymarket API' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(specs.map(([, spec]) => spec.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An HS256 JWT {iss: API Secret ID, iat} signed with "<API Secret ID>||<API Secret Key>", valid 5 minutes; or a legacy team API key.',
        },
      },
      headers: {
        'X-Request-Id': { description: 'A UUID identifying the request', schema: { type: 'string', format: 'uuid' } },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_STATUSES).map(([status, description]) => [
          `Error${status}`,
          {
            description,
            headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
            content: { 'application/json': { schema: { $ref: uri('ErrorBody') } } },
          },
        ]),
      ),
    },
  }
}
