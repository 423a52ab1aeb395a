/** The typed client made from the operations table, and the OpenAPI document made from the same schemas. */
export {
  createHeymarketClient,
  HeymarketApiError,
  type HeymarketClient,
  type HeymarketClientOptions,
  type OperationInput,
  type OperationOutput,
} from './client.js'
export { createOpenApiDocument, type OpenApiOptions } from './openapi.js'
