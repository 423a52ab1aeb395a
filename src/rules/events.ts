import type { Conversation } from '../schema/conversation.js'
import type { Message } from '../schema/message.js'

/**
 * Webhook event types, spelled as the API spells them (`message_recieved` included).
 */
export type WebhookEventType =
  | 'message_sent'
  | 'message_recieved'
  | 'chat_reassigned'
  | 'chat_closed'
  | 'chat_opened'
  | 'chat_pending'
  | 'chat_transferred'
  | 'target_opt_out'
  | 'target_opt_in'
  | 'target_double_opt_in'
  | 'target_double_opt_restricted'
  | 'incoming_call'

/** What a contact-status event carries. */
export type OptStatusEventData = {
  phone: string
  unsubscribed: boolean
  unsubscribed_admin: boolean
  unsubscribed_contact: boolean
  blocked: boolean
}

export type WebhookEventData = {
  message_sent: Message
  message_recieved: Message
  chat_reassigned: Conversation
  chat_closed: Conversation
  chat_opened: Conversation
  chat_pending: Conversation
  chat_transferred: Conversation
  target_opt_out: OptStatusEventData
  target_opt_in: OptStatusEventData
  target_double_opt_in: OptStatusEventData
  target_double_opt_restricted: OptStatusEventData
  incoming_call: Message
}

/** A webhook delivery body: `id` and `token` are those of the webhook configuration, as in the API. */
export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = {
  [K in T]: { type: K; id: number; token: string; event_data: WebhookEventData[K] }
}[T]

export type WebhookEventListener<T extends WebhookEventType = WebhookEventType> = (event: WebhookEvent<T>) => void

export type WebhookConfig = {
  /** The webhook configuration id events carry. */
  id: number
  /** The verification token events carry; receivers compare it. */
  token: string
  /**
   * How the inbound-message event's `type` is spelled: the API's own `message_recieved` (default), or
   * `message_received` as some automation tools expect. Listeners may use either name.
   */
  inboundEventType?: 'message_recieved' | 'message_received'
}

/**
 * Delivers webhook events to listeners registered in code. A listener that throws is reported and does not
 * stop the request or the other listeners.
 */
export class EventBus {
  readonly #listeners = new Map<string, Set<(event: WebhookEvent) => void>>()
  readonly #config: WebhookConfig

  constructor(config: WebhookConfig) {
    this.#config = config
  }

  /** Listens to one event type, or to all with `'*'`. Returns a function that stops listening. */
  on<T extends WebhookEventType>(type: T | '*' | 'message_received', listener: WebhookEventListener<T>): () => void {
    const key = type === 'message_received' ? 'message_recieved' : type
    let set = this.#listeners.get(key)
    if (!set) {
      set = new Set()
      this.#listeners.set(key, set)
    }
    const stored = listener as (event: WebhookEvent) => void
    set.add(stored)
    return () => set.delete(stored)
  }

  emit<T extends WebhookEventType>(type: T, data: WebhookEventData[T]): void {
    const targets = [...(this.#listeners.get(type) ?? []), ...(this.#listeners.get('*') ?? [])]
    if (targets.length === 0) return
    const spelled = type === 'message_recieved' ? (this.#config.inboundEventType ?? 'message_recieved') : type
    const event = { type: spelled, id: this.#config.id, token: this.#config.token, event_data: data } as WebhookEvent
    for (const listener of targets) {
      try {
        listener(event)
      } catch (error) {
        console.error(`[heymarket-mock] A "${type}" event listener threw; the request went on.`, error)
      }
    }
  }

  /** Whether anyone listens to this type (so that payloads are only built when needed). */
  wants(type: WebhookEventType): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0 || (this.#listeners.get('*')?.size ?? 0) > 0
  }
}
