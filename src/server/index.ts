/** `heymarket-mock/server`: the mock as an HTTP server, for clients in any language. */
export { startHeymarketServer, type HeymarketHttpServer, type HeymarketHttpServerOptions } from './http-server.js'
export { CONTROL_ENDPOINTS, CONTROL_PREFIX, CONTROL_TOKEN_HEADER } from './control.js'
