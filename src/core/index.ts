export {
  createHeymarketMock,
  routes,
  DEFAULT_ANCHOR,
  DEFAULT_BASE_URL,
  DEFAULT_SEED,
  type HeymarketMock,
  type HeymarketMockOptions,
  type InboundOutcome,
  type BuiltConversation,
} from './create-heymarket-mock.js'
export { TEST_CLOCK, type Clock, type ClockOptions, type DurationInput, type TimeInput } from '../primitives/clock.js'
export type { LoggedRequest } from '../http/dispatch.js'
export {
  CONVERSATION_TRAITS,
  type ConversationTrait,
  type MessageSpec,
  type BuildConversationInput,
  type BuildGroupInput,
  type BuildEmailThreadInput,
  type BuildContactInput,
  type BuildMessageInput,
} from '../rules/factories.js'
export type { AuthMode, AuthOptions, ApiSecret, StrictAuth } from '../http/auth.js'
export { faultRuleSchema, type FaultRule, type ActiveFault } from '../http/faults.js'
export { DEFAULT_REQUESTS_PER_MINUTE, type RateLimitOptions } from '../http/rate-limit.js'
export type { Route, HttpMethod } from '../http/route.js'
export { CHANGES_FORMAT, CHANGES_VERSION, type Database, type MockChanges } from '../store/create-store.js'
export { assertDataset, DATASET_FORMAT, DATASET_VERSION, type Dataset } from '../store/dataset.js'
export { HeymarketSimulationError } from './simulation-error.js'
export { readDataset, toDataset, type DatasetSource } from './read-dataset.js'
export { PRESET_FILES, type PresetName } from './preset-files.js'
export type {
  ContactRecord,
  ConversationRecord,
  InboxRecord,
  MessageRecord,
  TeamRecord,
  UserRecord,
} from '../store/records.js'
export type { SeedSize } from '../seed/generate-dataset.js'
export type {
  WebhookConfig,
  WebhookEvent,
  WebhookEventListener,
  WebhookEventType,
  OptStatusEventData,
} from '../rules/events.js'
export { formatTimestamp, parseTimestamp } from '../primitives/timestamps.js'
export { idSchema, timestampSchema, optionalTimestampSchema, phoneNumberSchema, requestPhoneNumberSchema, channelSchema, targetsMapSchema } from '../schema/common.js'
export { conversationSchema, conversationMemberSchema, conversationStatusSchema } from '../schema/conversation.js'
export { messageSchema, messageTypeSchema, messageStatusSchema } from '../schema/message.js'
export { inboxSchema, widgetSettingsSchema } from '../schema/inbox.js'
export { teamSchema, memberSchema, memberRoleSchema } from '../schema/team.js'
export { contactSchema, contactTagRefSchema } from '../schema/contact.js'
export { errorBodySchema, errorCodeSchema } from '../schema/errors.js'
export {
  listConversationsRequestSchema,
  countConversationsRequestSchema,
  conversationActionRequestSchema,
  reassignConversationRequestSchema,
  transferConversationRequestSchema,
  conversationFiltersSchema,
  okResponseSchema,
  countResponseSchema,
  DEFAULT_CONVERSATION_PAGE_SIZE,
  MAX_CONVERSATION_PAGE_SIZE,
} from '../schema/conversation-requests.js'
export { simulateInboundRequestSchema } from '../schema/simulate.js'
export type { Conversation, ConversationMember, ConversationStatus } from '../schema/conversation.js'
export type { Message, MessageType, MessageStatus } from '../schema/message.js'
export type { Inbox, WidgetSettings } from '../schema/inbox.js'
export type { Member, MemberRole, Team } from '../schema/team.js'
export type { Contact } from '../schema/contact.js'
export type { ErrorBody, ErrorCode } from '../schema/errors.js'
export type {
  ListConversationsRequest,
  CountConversationsRequest,
  ConversationActionRequest,
  ReassignConversationRequest,
  TransferConversationRequest,
  ConversationFilters,
} from '../schema/conversation-requests.js'
export type { SimulateInboundRequest } from '../schema/simulate.js'
export {
  createHeymarketClient,
  HeymarketApiError,
  type HeymarketClient,
  type HeymarketClientOptions,
  type OperationInput,
  type OperationOutput,
} from '../client/index.js'
export { operations, type OperationSpec, type OperationId, type Operations } from '../schema/operations.js'
export { faultHandlers } from './fault-handlers.js'
export { createOpenApiDocument, type OpenApiOptions } from '../client/index.js'
