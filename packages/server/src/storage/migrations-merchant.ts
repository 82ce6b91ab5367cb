/**
 * Migrations 1000–1099 (the merchant's server loop), spread into `MIGRATIONS` (migrations.ts), which
 * stays the one ordered list. Never edit a released migration: add a new one.
 */

export const MERCHANT_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1000,
    name: 'merchant webhooks: endpoints, events (emitted in the transaction of their effect), delivery log',
    statements: [
      `ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check`,
      `ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'webhook'))`,
      // Two secrets are valid while one is rolled: every delivery is signed with both until the old one expires.
      `CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        url text NOT NULL,
        events jsonb NOT NULL,
        description text,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX webhook_endpoints_merchant_idx ON webhook_endpoints (merchant_id)`,
      // One row per business event; its id is the Standard Webhooks \`webhook-id\`, stable across retries.
      `CREATE TABLE merchant_events (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        type text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        livemode boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX merchant_events_merchant_idx ON merchant_events (merchant_id, created_at)`,
      `CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id text NOT NULL REFERENCES merchant_events(id),
        attempt integer NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id)`,
      // The one way an event is emitted (from triggers below and from \`emitMerchantEvent\`): the event row
      // and one outbox row per subscribed endpoint, in the caller's transaction; a repeated key emits nothing.
      `CREATE FUNCTION omni_emit_merchant_event(p_merchant text, p_type text, p_key text, p_livemode boolean, p_data jsonb)
       RETURNS text LANGUAGE plpgsql AS $$
       DECLARE v_id text;
       BEGIN
         INSERT INTO merchant_events (id, merchant_id, type, dedupe_key, livemode, data)
         VALUES ('evt_' || replace(gen_random_uuid()::text, '-', ''), p_merchant, p_type, p_key, p_livemode, p_data)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id INTO v_id;
         IF v_id IS NULL THEN RETURN NULL; END IF;
         INSERT INTO outbox (dedupe_key, channel, template, payload)
         SELECT 'webhook:' || v_id || ':' || e.id, 'webhook', 'merchant_webhook', jsonb_build_object('eventId', v_id, 'endpointId', e.id)
         FROM webhook_endpoints e
         WHERE e.merchant_id = p_merchant AND e.enabled AND (e.events ? p_type OR e.events ? '*')
         ON CONFLICT (dedupe_key) DO NOTHING;
         RETURN v_id;
       END $$`,
      // What an order event carries: no contact or address (the merchant reads those through the API).
      `CREATE FUNCTION omni_order_snapshot(o orders) RETURNS jsonb LANGUAGE sql STABLE AS $$
         SELECT jsonb_build_object('object', 'order', 'id', o.id, 'sessionId', o.session_id, 'status', o.status,
           'amount', o.amount, 'currency', o.currency, 'lineItems', o.line_items, 'provider', o.provider_id,
           'paymentReference', o.payment_reference, 'createdAt', o.created_at)
       $$`,
      // Core events come from the tables themselves, so no code path that writes an order or settles a
      // session (confirm, provider webhook, reconciler) can forget one.
      `CREATE FUNCTION omni_order_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.status = 'paid' THEN
           PERFORM omni_emit_merchant_event(NEW.merchant_id, 'order.paid', 'order.paid:' || NEW.id,
             (SELECT livemode FROM checkout_sessions WHERE id = NEW.session_id), jsonb_build_object('object', omni_order_snapshot(NEW)));
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER orders_merchant_events AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION omni_order_events()`,
      `CREATE FUNCTION omni_session_events() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.status = 'complete' AND OLD.status <> 'complete' THEN
           PERFORM omni_emit_merchant_event(NEW.merchant_id, 'checkout.session.completed', 'checkout.session.completed:' || NEW.id, NEW.livemode,
             jsonb_build_object('object', jsonb_build_object('object', 'checkout.session', 'id', NEW.id, 'status', NEW.status,
               'currency', NEW.currency, 'country', NEW.country, 'channel', NEW.channel, 'metadata', NEW.metadata, 'orderId', NEW.order_id)));
         ELSIF NEW.last_payment_error IS NOT NULL AND OLD.last_payment_error IS NULL THEN
           PERFORM omni_emit_merchant_event(NEW.merchant_id, 'payment.failed', 'payment.failed:' || NEW.id || ':' || NEW.confirm_attempts, NEW.livemode,
             jsonb_build_object('object', jsonb_build_object('object', 'checkout.session', 'id', NEW.id, 'status', NEW.status,
               'metadata', NEW.metadata, 'attempt', NEW.confirm_attempts, 'error', NEW.last_payment_error)));
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER checkout_sessions_merchant_events AFTER UPDATE ON checkout_sessions FOR EACH ROW EXECUTE FUNCTION omni_session_events()`,
    ],
  },
  {
    version: 1001,
    name: 'refunds: captured and refunded amounts on orders (refunded never above captured, checked by the database), refund records',
    statements: [
      `ALTER TABLE orders ADD COLUMN amount_captured bigint`,
      `UPDATE orders SET amount_captured = amount`,
      // Reserved (pending) and succeeded refunds; failed ones are given back. The CHECK is what keeps
      // concurrent refunds within the captured amount: each adds to this row under its row lock.
      `ALTER TABLE orders ADD COLUMN amount_refunded bigint NOT NULL DEFAULT 0`,
      `ALTER TABLE orders ADD CONSTRAINT orders_refunds_within_captured CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured)`,
      `CREATE FUNCTION omni_order_captured_default() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.amount_captured IS NULL THEN NEW.amount_captured := NEW.amount; END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER orders_captured_default BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION omni_order_captured_default()`,
      `ALTER TABLE orders ALTER COLUMN amount_captured SET NOT NULL`,
      `CREATE TABLE refunds (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        order_id text NOT NULL REFERENCES orders(id),
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        reason text,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        provider_id text NOT NULL,
        provider_reference text,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (merchant_id, idempotency_key)
      )`,
      `CREATE INDEX refunds_order_idx ON refunds (order_id, created_at)`,
      `CREATE INDEX refunds_provider_reference_idx ON refunds (provider_id, provider_reference)`,
    ],
  },
];
