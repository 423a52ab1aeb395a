/**
 * The checks the standalone server makes before a request reaches the mock: is the request target a path, is
 * the method one HTTP servers implement, does the Host header name this server, and may this request drive
 * the control plane. Plain functions of the request's parts, so that each rule is tested on its own and the
 * server's request handler stays a short list of steps.
 */

/** The methods the server implements; anything else (TRACE, CONNECT, PATCH, made-up tokens) is 405. */
export const IMPLEMENTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const

/** Why the edge refuses a request: the status, a machine code and a message that names the problem. */
export type EdgeRefusal = { status: number; error: string; message: string; headers?: Record<string, string> }

export type RequestTarget = { kind: 'path'; pathname: string; search: string } | { kind: 'refused'; refusal: EdgeRefusal }

const MAX_TARGET_LENGTH = 16 * 1024

function badTarget(shown: string, why: string): RequestTarget {
  return {
    kind: 'refused',
    refusal: {
      status: 400,
      error: 'bad_data',
      message: `Failed to read the request target ${JSON.stringify(shown.slice(0, 80))}: ${why}. Please send a path such as /v1/inboxes.`,
    },
  }
}

/**
 * Reads the request target (the second word of the request line) into a path and a query, without ever
 * reading part of it as a host: `//x/v1/inboxes` is the path `//x/v1/inboxes` (which the API does not have),
 * never `/v1/inboxes` on host `x`.
 *
 * Accepted: origin-form (`/path?query`) and absolute-form (`http://host/path`, which RFC 9112 requires
 * servers to accept; its authority is checked like a Host header). Refused with 400: backslashes (browsers
 * and proxies disagree on whether `\` is `/`), the asterisk and authority forms, and anything that does not
 * parse as a URL.
 */
/**
 * Targets the URL parser leaves exactly as they are: path characters it never encodes or decodes (no `%`, whose `%2e` may be a dot segment), then query characters it
 * never encodes (no space, `"`, `#`, `'`, `<`, `>`), so that splitting at `?` gives what `new URL` would, at a
 * fraction of the cost. test/server-target.property.test.ts checks that against `URL` on generated targets.
 */
const PLAIN_TARGET = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(\?[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x7e]*)?$/
/** A `.` or `..` segment (which the URL parser removes) in the path. */
const DOT_SEGMENT = /^[^?]*\/\.\.?(\/|\?|$)/

function plainTarget(target: string): RequestTarget {
  const queryAt = target.indexOf('?')
  if (queryAt === -1) return { kind: 'path', pathname: target, search: '' }
  // `URL` drops a lone `?` from `search`.
  return { kind: 'path', pathname: target.slice(0, queryAt), search: queryAt === target.length - 1 ? '' : target.slice(queryAt) }
}

export function readRequestTarget(raw: string | undefined): RequestTarget & { authority?: string } {
  const target = raw ?? ''
  if (target.length > MAX_TARGET_LENGTH) return badTarget(target, `it is longer than ${MAX_TARGET_LENGTH} characters`)
  if (target.includes('\\')) return badTarget(target, 'it contains a backslash, which is not part of any path of this server')
  if (target.startsWith('/')) {
    if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) return plainTarget(target)
    const queryAt = target.indexOf('?')
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
    const search = queryAt === -1 ? '' : target.slice(queryAt)
    // The path goes after a fixed origin, so that the URL parser can only read it as a path.
    let parsed: URL
    try {
      parsed = new URL(`http://edge.invalid${rawPath}${search}`)
    } catch {
      return badTarget(target, 'it is not a valid path')
    }
    return { kind: 'path', pathname: parsed.pathname, search: parsed.search }
  }
  if (/^https?:\/\//i.test(target)) {
    let parsed: URL
    try {
      parsed = new URL(target)
    } catch {
      return badTarget(target, 'it is not a valid absolute URL')
    }
    if (!parsed.host) return badTarget(target, 'it names no host')
    return { kind: 'path', pathname: parsed.pathname, search: parsed.search, authority: parsed.host }
  }
  if (target === '*') return badTarget(target, 'the asterisk form names no resource of this server')
  return badTarget(target, 'a request target must start with "/"')
}

/** The 405 for a method the server does not implement. */
export function methodRefusal(method: string, pathname: string, allowed: readonly string[] = IMPLEMENTED_METHODS): EdgeRefusal {
  return {
    status: 405,
    error: 'method_not_allowed',
    message: `Failed to handle ${method.slice(0, 20)} ${pathname.slice(0, 80)}: this server accepts ${allowed.join(', ')}. Please use one of them.`,
    headers: { Allow: allowed.join(', ') },
  }
}

export type HostCheckOptions = {
  /** The interface the server is bound to (`127.0.0.1`, `0.0.0.0`, `::1`, a name). */
  boundHost: string
  /**
   * Further host names the server answers to (for containers and proxies: `['heymarket-mock']`); a name
   * starting with `.` allows its subdomains too; `true` allows any Host.
   */
  allowedHosts?: readonly string[] | true
}

/** `[::1]:4010` → `::1`, `Example.COM.:4010` → `example.com`. */
function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase()
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') === -1 ? undefined : trimmed.indexOf(']'))
  const colon = trimmed.lastIndexOf(':')
  const name = colon === -1 ? trimmed : trimmed.slice(0, colon)
  return name.replace(/\.$/, '')
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function isIpLiteral(name: string): boolean {
  return IPV4.test(name) || (name.includes(':') && /^[0-9a-f:.]+$/.test(name))
}

/**
 * Whether a Host header names this server. Answered: the bound address, `localhost` (and `*.localhost`, which
 * resolves to loopback by RFC 6761), any IP literal, and the names given in `allowedHosts`.
 * @note This is what stops DNS rebinding: a page on `evil.example` that re-points its name at 127.0.0.1 still
 * sends `Host: evil.example`. An IP literal cannot be re-pointed, so allowing every IP costs no safety and
 * lets the server be reached through a port forward or a container's address without configuration.
 */
export function isAllowedHost(host: string | undefined, options: HostCheckOptions): boolean {
  if (options.allowedHosts === true) return true
  // HTTP/1.0 clients may leave Host out; a browser never does, so this opens nothing to web pages.
  if (host === undefined) return true
  const name = hostName(host)
  if (name === '') return false
  if (name === hostName(options.boundHost) || name === 'localhost' || name.endsWith('.localhost') || isIpLiteral(name)) return true
  for (const allowed of options.allowedHosts ?? []) {
    const wanted = allowed.trim().toLowerCase()
    if (wanted.startsWith('.') ? name === wanted.slice(1) || name.endsWith(wanted) : name === wanted) return true
  }
  return false
}

export function hostRefusal(host: string | undefined): EdgeRefusal {
  return {
    status: 403,
    error: 'denied',
    message: `Failed to handle the request: the Host header ${JSON.stringify((host ?? '').slice(0, 80))} does not name this server, and answering it would let a web page that re-points its own domain here (DNS rebinding) read the mock. Please call the server by its address (127.0.0.1, localhost), or start it with --allowed-hosts <name>.`,
  }
}

export type ControlRequestFacts = {
  method: string
  headers: { origin?: string | undefined; 'sec-fetch-site'?: string | undefined; 'content-type'?: string | undefined; host?: string | undefined }
  /** The body is not empty (or a length is declared). */
  hasBody: boolean
  /** Whether CORS allows this request's Origin. */
  corsAllowsOrigin: boolean
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/**
 * Why a control request must be refused, or undefined when it may go ahead.
 * - Cross-site requests are refused unless CORS allows their origin: a page the developer happens to visit
 *   must not reset the mock, inject faults or read the dataset. Browsers say where a request comes from in
 *   `Sec-Fetch-Site` and `Origin`; a request without either (curl, a test, a server) is not from a web page.
 * - A control request that carries a body must say it is JSON: `text/plain`, forms and multipart are what a
 *   page can send cross-site without a CORS preflight, so refusing them closes that door twice.
 */
export function controlRequestProblem(facts: ControlRequestFacts): EdgeRefusal | undefined {
  const { origin, 'sec-fetch-site': fetchSite, 'content-type': contentType, host } = facts.headers
  const sameOrigin = origin !== undefined && host !== undefined && originHost(origin) === host.trim().toLowerCase()
  const crossSiteBySite = fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none'
  const crossSiteByOrigin = origin !== undefined && !sameOrigin
  if ((crossSiteBySite || crossSiteByOrigin) && !facts.corsAllowsOrigin) {
    return {
      status: 403,
      error: 'denied',
      message: `Failed to use the control endpoint: the request comes from another site (${origin ? `Origin ${JSON.stringify(origin.slice(0, 80))}` : `Sec-Fetch-Site ${JSON.stringify(fetchSite)}`}), and a web page must not drive the mock. Please call it from the page the server serves, from a test or a terminal, or allow that origin with --cors <origin>.`,
    }
  }
  const method = facts.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD' && (facts.hasBody || contentType !== undefined) && !JSON_TYPE.test(contentType ?? '')) {
    return {
      status: 415,
      error: 'unsupported_media_type',
      message: `Failed to use the control endpoint: the body is ${contentType ? JSON.stringify(contentType.split(';')[0]!.trim()) : 'sent without a Content-Type'}, and control endpoints read JSON only. Please send "Content-Type: application/json".`,
    }
  }
  return undefined
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * Writes a whole JSON answer straight to a socket and ends it: for what never becomes a request the server's
 * handler sees (a malformed request line or header, an unknown method token, CONNECT), so that even those get
 * a status that says why and an `X-Request-Id`, rather than a bare 400 or a closed connection.
 */
export function writeRawRefusal(socket: { writable: boolean; end(chunk: string): void; destroy(): void }, refusal: EdgeRefusal, statusText: string): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const body = JSON.stringify({ error: refusal.error, message: refusal.message })
  const headers = {
    ...refusal.headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Request-Id': crypto.randomUUID(),
    Connection: 'close',
  }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  socket.end(`HTTP/1.1 ${refusal.status} ${statusText}\r\n${head}\r\n${body}`)
}

/** The answer for a request Node's HTTP parser could not read (its error code says what was wrong). */
export function parseErrorRefusal(code: string | undefined): { refusal: EdgeRefusal; statusText: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      statusText: 'Request Header Fields Too Large',
      refusal: { status: 431, error: 'bad_data', message: 'Failed to read the request: its headers are too large. Please send smaller headers.' },
    }
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      statusText: 'Request Timeout',
      refusal: { status: 408, error: 'bad_data', message: 'Failed to read the request: it did not arrive in time. Please send the whole request without pausing.' },
    }
  }
  if (code === 'HPE_INVALID_URL') {
    return {
      statusText: 'Bad Request',
      refusal: { status: 400, error: 'bad_data', message: 'Failed to read the request target: it is not a path (a request target must start with "/"). Please send a path such as /v1/inboxes.' },
    }
  }
  if (code === 'HPE_INVALID_METHOD') {
    return {
      statusText: 'Method Not Allowed',
      refusal: { ...methodRefusal('(unknown)', 'this server'), message: `Failed to read the request: its method is not one HTTP defines. Please use one of ${IMPLEMENTED_METHODS.join(', ')}.` },
    }
  }
  return {
    statusText: 'Bad Request',
    refusal: {
      status: 400,
      error: 'bad_data',
      message: `Failed to read the request: it is not valid HTTP/1.1 (${code ?? 'unreadable'}). Please check the request line, the headers and the body framing.`,
    },
  }
}
