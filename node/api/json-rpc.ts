/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification) over one request body: parsing, dispatch to
 * a method table, error objects. Transport-free, so the HTTP server stays about HTTP.
 *
 * Params are by name (an object) or omitted; positional arrays are answered with -32602. Batches
 * (§6) are accepted up to JSON_RPC_MAX_BATCH calls and run one after another, in order.
 * Notifications (§4.1, no id) run and get no response.
 */

/** §5.1 pre-defined error codes. */
export const JSON_RPC_PARSE_ERROR = -32700
export const JSON_RPC_INVALID_REQUEST = -32600
export const JSON_RPC_METHOD_NOT_FOUND = -32601
export const JSON_RPC_INVALID_PARAMS = -32602
export const JSON_RPC_INTERNAL_ERROR = -32603
/** Application errors (§5.1 reserves -32000 to -32099 for implementation-defined server errors). */
export const FERRY_APP_ERROR = -32000

/** Calls in one batch: the CLI never batches; a bot needs a handful. Bounds work per request. */
export const JSON_RPC_MAX_BATCH = 32

export type JsonRpcId = string | number | null

export interface JsonRpcErrorObject {
  code: number
  message: string
  data?: { name: string }
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0', id: JsonRpcId, result: unknown }
  | { jsonrpc: '2.0', id: JsonRpcId, error: JsonRpcErrorObject }

export interface MethodContext {
  /** Aborted when the HTTP client goes away or the daemon stops. */
  signal: AbortSignal
}

export type Params = Record<string, unknown>
export type MethodHandler = (params: Params, context: MethodContext) => Promise<unknown>
export type MethodTable = Readonly<Record<string, MethodHandler>>

/** Thrown by a handler for params that are missing, of the wrong type or out of range (-32602). */
export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError'
}

/** Reports an unexpected handler failure (logging is the caller's business; never the params). */
export type InternalErrorReporter = (method: string, err: unknown) => void

/**
 * Handles one HTTP body. Returns the response value to serialise, or undefined when nothing is to
 * be sent (only notifications).
 */
export async function handleJsonRpcBody (body: string, methods: MethodTable, context: MethodContext, report?: InternalErrorReporter): Promise<JsonRpcResponse | JsonRpcResponse[] | undefined> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return errorResponse(null, JSON_RPC_PARSE_ERROR, 'Parse error')
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return errorResponse(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: empty batch')
    if (parsed.length > JSON_RPC_MAX_BATCH) return errorResponse(null, JSON_RPC_INVALID_REQUEST, `Invalid Request: more than ${JSON_RPC_MAX_BATCH} calls in a batch`)
    const responses: JsonRpcResponse[] = []
    for (const call of parsed) {
      const response = await handleCall(call, methods, context, report)
      if (response !== undefined) responses.push(response)
    }
    return responses.length === 0 ? undefined : responses
  }
  return handleCall(parsed, methods, context, report)
}

async function handleCall (call: unknown, methods: MethodTable, context: MethodContext, report?: InternalErrorReporter): Promise<JsonRpcResponse | undefined> {
  if (typeof call !== 'object' || call === null || Array.isArray(call)) {
    return errorResponse(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: not an object')
  }
  const request = call as Record<string, unknown>
  const hasId = Object.hasOwn(request, 'id')
  const id = request.id
  if (hasId && !isValidId(id)) return errorResponse(null, JSON_RPC_INVALID_REQUEST, 'Invalid Request: id must be a string, number or null')
  const responseId = hasId ? id as JsonRpcId : null
  if (request.jsonrpc !== '2.0') return errorResponse(responseId, JSON_RPC_INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0"')
  if (typeof request.method !== 'string') return errorResponse(responseId, JSON_RPC_INVALID_REQUEST, 'Invalid Request: method must be a string')

  const respond = (response: JsonRpcResponse): JsonRpcResponse | undefined => hasId ? response : undefined
  const method = request.method
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined
  if (handler === undefined) return respond(errorResponse(responseId, JSON_RPC_METHOD_NOT_FOUND, `Method not found: ${printable(method)}`))

  const rawParams = request.params
  if (rawParams !== undefined && (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams))) {
    return respond(errorResponse(responseId, JSON_RPC_INVALID_PARAMS, 'Invalid params: params must be an object of named parameters'))
  }
  try {
    const result = await handler((rawParams ?? {}) as Params, context)
    return respond({ jsonrpc: '2.0', id: responseId, result: result ?? null })
  } catch (err) {
    return respond(errorFromThrown(responseId, method, err, report))
  }
}

function errorFromThrown (id: JsonRpcId, method: string, err: unknown, report?: InternalErrorReporter): JsonRpcResponse {
  if (err instanceof InvalidParamsError) {
    return errorResponse(id, JSON_RPC_INVALID_PARAMS, `Invalid params: ${err.message}`, err.name)
  }
  if (err instanceof Error && err.name !== 'Error' && err.name !== 'TypeError' && err.name !== 'RangeError') {
    // A typed error (one class per failure, `name` set) is an expected outcome the caller can act on.
    return errorResponse(id, FERRY_APP_ERROR, err.message, err.name)
  }
  report?.(method, err)
  return errorResponse(id, JSON_RPC_INTERNAL_ERROR, 'Internal error', err instanceof Error ? err.name : 'Error')
}

export function errorResponse (id: JsonRpcId, code: number, message: string, name?: string): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: { code, message, ...(name === undefined ? {} : { data: { name } }) } }
}

function isValidId (id: unknown): boolean {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
}

/** Method names are echoed back; keep them short and printable. */
function printable (text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?')
  return clean.length > 64 ? clean.slice(0, 64) + '…' : clean
}
