import { ApiError } from '../rules/errors.js'
import { readJsonBody } from '../http/read-body.js'
import { errorResponse, jsonResponse } from '../http/respond.js'
import { CONTROL_PREFIX, CONTROL_TOKEN_HEADER } from './control.js'
import { checkSessionName, DEFAULT_SESSION, parseSessionSource, SessionError, type SessionRegistry } from './sessions.js'

/** Where the session endpoints live: `GET`/`POST /__mock/sessions`, `GET`/`DELETE /__mock/sessions/{name}`. */
export const SESSIONS_PATH = `${CONTROL_PREFIX}/sessions`

export function isSessionControlPath(path: string): boolean {
  return path === SESSIONS_PATH || path === `${SESSIONS_PATH}/` || path.startsWith(`${SESSIONS_PATH}/`)
}

/** A session-related error as an answer: its own status where it has one (409, 503), else the code's. */
export function sessionErrorResponse(error: ApiError, requestId: string): Response {
  return error instanceof SessionError ? errorResponse(error, requestId, error.status) : errorResponse(error, requestId)
}

/**
 * Answers the session endpoints, which act on the server's sessions as a whole (whatever session the request
 * names): list them, create one from a preset or seed, look at one, end one.
 */
export function createSessionControlHandler(registry: SessionRegistry, options: { token?: string; maxBodyBytes: number }) {
  return async function handleSessionControl(request: Request, path: string): Promise<Response> {
    const requestId = crypto.randomUUID()
    const route = `${request.method} ${path.replace(/\/+$/, '')}`
    try {
      if (options.token !== undefined && request.headers.get(CONTROL_TOKEN_HEADER) !== options.token) {
        throw new ApiError(
          'unauthorized',
          `Failed to use the control endpoint: the ${CONTROL_TOKEN_HEADER} header is missing or wrong. Please send the token the server was started with (--control-token).`,
        )
      }
      if (route === `GET ${SESSIONS_PATH}`) {
        return jsonResponse(200, { maxSessions: registry.maxSessions, idleSeconds: registry.idleMs / 1000, sessions: registry.list() }, requestId)
      }
      if (route === `POST ${SESSIONS_PATH}`) {
        const body = await readJsonBody(request, options.maxBodyBytes, 'create a session')
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          throw new ApiError('bad_data', 'Failed to create a session: the body must be a JSON object such as {"name": "worker-1", "preset": "busy-inbox"}.')
        }
        const fields = body as Record<string, unknown>
        if (typeof fields.name !== 'string') throw new ApiError('bad_data', 'Failed to create a session: "name" is missing or not a string. Please send {"name": "worker-1"}.', 'name')
        const unknown = Object.keys(fields).filter((key) => !['name', 'preset', 'seed'].includes(key))
        if (unknown.length > 0) throw new ApiError('bad_data', `Failed to create a session: unknown field "${unknown[0]}". Please send only name, preset and seed.`, unknown[0])
        const { session, created } = await registry.create(fields.name, parseSessionSource(fields))
        const summary = registry.list().find((item) => item.name === session.name)
        return jsonResponse(created ? 201 : 200, { created, session: summary }, requestId)
      }
      const one = /^(GET|DELETE) \/__mock\/sessions\/([^/]+)$/.exec(route)
      if (one) {
        const name = checkSessionName(decodeURIComponent(one[2]!), 'the path segment after /__mock/sessions/ is')
        if (one[1] === 'DELETE' && name === DEFAULT_SESSION) {
          throw new ApiError('bad_data', `Failed to end session "${DEFAULT_SESSION}": it is the server's own session and cannot end. Please reset it instead (POST /__mock/reset).`, 'name')
        }
        const summary = registry.list().find((item) => item.name === name)
        if (!summary) throw new ApiError('not_found', `Failed to find session "${name}": there is no such session (it was never used, was ended, or sat idle too long). Please see GET ${SESSIONS_PATH}.`, 'name')
        if (one[1] === 'GET') return jsonResponse(200, summary, requestId)
        registry.delete(name)
        return jsonResponse(200, { deleted: name }, requestId)
      }
      throw new ApiError('not_found', `Failed to handle ${route}: there is no such session endpoint. Please use GET or POST ${SESSIONS_PATH}, or GET or DELETE ${SESSIONS_PATH}/{name}.`)
    } catch (error) {
      if (error instanceof ApiError) return sessionErrorResponse(error, requestId)
      console.error(`[heymarket-mock] ${route} failed inside the mock:`, error)
      return jsonResponse(500, { error: 'server_error', message: `Failed to handle ${route}: ${(error as Error).message}` }, requestId)
    }
  }
}
