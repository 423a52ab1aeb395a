/** `heymarket-mock/server`: the mock as an HTTP server, for clients in any language. */
export { startHeymarketServer, type HeymarketHttpServer, type HeymarketHttpServerOptions } from './http-server.js'
export { CONTROL_ENDPOINTS, CONTROL_PREFIX, CONTROL_TOKEN_HEADER } from './control.js'
export {
  SESSION_HEADER,
  SESSION_NAME_PATTERN,
  DEFAULT_SESSION,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_MS,
  type SessionSource,
  type SessionSummary,
} from './sessions.js'
