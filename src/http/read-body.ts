import { ApiError, badData } from '../rules/errors.js'

/** Bodies larger than this are refused with 413 unless the mock is told otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * Content types that are clearly not JSON. Anything else (including none, and the `text/plain` that `fetch`
 * sends for a string body) is read as JSON, as lenient JSON APIs do.
 */
const NOT_JSON = /^(application\/x-www-form-urlencoded|multipart\/|application\/xml|text\/xml|text\/html|application\/octet-stream)/i

/** What a body is read from: a fetch `Request`, or the pipeline's plain request. */
export type BodySource = Request | { header(name: string): string | null; readBody(): Promise<Uint8Array | ArrayBuffer> }

/** One decoder for every body: `fatal` refuses bytes that are not UTF-8, and a whole-buffer decode keeps no state. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a JSON body: an object (or an array, for the batch endpoints). An empty body reads as `{}` (`[]`) so
 * that the schema can say what is missing.
 * Throws 413 for an oversized body, 415 for a non-JSON content type, 400 for text that is not a JSON object.
 */
export async function readJsonBody(request: BodySource, maxBytes: number, action: string, shape: 'object' | 'array' = 'object'): Promise<unknown> {
  return parseJsonBody(await readBodyText(request, maxBytes, action), action, shape)
}

/** A body's text, read as UTF-8 (the first half of `readJsonBody`: 413, 415, and 400 for bytes that are not UTF-8). */
export async function readBodyText(request: BodySource, maxBytes: number, action: string): Promise<string> {
  // Duck-typed: a Request from another realm (jsdom, a polyfill) is not an instance of this realm's Request.
  const fetchRequest = 'arrayBuffer' in request ? request : undefined
  const header = (name: string) => (fetchRequest ? fetchRequest.headers.get(name) : (request as Exclude<BodySource, Request>).header(name))
  const declared = Number(header('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge(declared, maxBytes, action)
  const contentType = header('content-type') ?? ''
  if (NOT_JSON.test(contentType.trim())) {
    throw new ApiError(
      'unsupported_media_type',
      `Failed to ${action}: the body is ${JSON.stringify(contentType.split(';')[0])}, and this endpoint reads JSON. Please send a JSON object with "Content-Type: application/json".`,
    )
  }
  let buffer: Uint8Array | ArrayBuffer
  try {
    buffer = await (fetchRequest ? fetchRequest.arrayBuffer() : (request as Exclude<BodySource, Request>).readBody())
  } catch (error) {
    // An aborted upload, or a Request whose body was already read: the client's side, not a mock failure.
    throw badData(undefined, `Failed to ${action}: the request body could not be read (${(error as Error).message}). Please send the request again.`)
  }
  if (buffer.byteLength > maxBytes) throw tooLarge(buffer.byteLength, maxBytes, action)
  try {
    return utf8.decode(buffer)
  } catch {
    throw badData(undefined, `Failed to ${action}: the body is not valid UTF-8. Please send UTF-8 encoded JSON.`)
  }
}

/** A body's text as JSON of the wanted shape (the second half of `readJsonBody`: 400 for anything else). */
export function parseJsonBody(text: string, action: string, shape: 'object' | 'array' = 'object'): unknown {
  if (text.trim() === '') return shape === 'array' ? [] : {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw badData(undefined, `Failed to ${action}: the body is not valid JSON (${reason.slice(0, 120)}). Please send a JSON object.`)
  }
  const isArray = Array.isArray(value)
  // `[]` where an object is expected passes: it reads as `{}` (applyRequestConventions in validation.ts).
  const emptyArrayForObject = isArray && shape === 'object' && (value as unknown[]).length === 0
  if (value === null || typeof value !== 'object' || (isArray !== (shape === 'array') && !emptyArrayForObject)) {
    const kind = value === null ? 'null' : isArray ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
    const wanted = shape === 'array' ? 'a JSON array' : 'a JSON object'
    throw badData(undefined, `Failed to ${action}: the body must be ${wanted}, got ${kind}. Please send ${wanted}.`)
  }
  return value
}

function tooLarge(bytes: number, maxBytes: number, action: string): ApiError {
  return new ApiError(
    'payload_too_large',
    `Failed to ${action}: the body is ${bytes} bytes and the limit is ${maxBytes}. Please send a smaller body.`,
  )
}
