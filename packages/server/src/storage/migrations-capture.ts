/**
 * Migrations 1002–1099 (authorise now, capture later), spread into `MIGRATIONS` (migrations.ts),
 * which stays the one ordered list. Never edit a released migration: add a new one.
 */

export const CAPTURE_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1002,
    name: 'manual capture: capture method on sessions, authorised/captured/canceled orders, their events',
    statements: [
      `ALTER TABLE checkout_sessions ADD COLUMN capture_method text NOT NULL DEFAULT 'automatic' CHECK (capture_method IN ('automatic', 'manual'))`,
      // The merchant's default for sessions that do not say.
      `ALTER TABLE merchants ADD COLUMN capture_method text NOT NULL DEFAULT 'automatic' CHECK (capture_method IN ('automatic', 'manual'))`,
      `ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('authorized', 'paid', 'canceled'))`,
      // The one capture or cancel under way (set under the order's row lock, cleared when it settles):
      // a capture and a cancel of one order never both reach the provider.
      `ALTER TABLE orders ADD COLUMN money_operation text CHECK (money_operation IN ('capture', 'cancel'))`,
      `ALTER TABLE orders ADD COLUMN capture_key text`,
      `ALTER TABLE orders ADD COLUMN capture_request_hash text`,
      `ALTER TABLE orders ADD COLUMN capture_amount bigint CHECK (capture_amount > 0 AND capture_amount <= amount)`,
      `ALTER TABLE orders ADD COLUMN captured_at timestamptz`,
      `ALTER TABLE orders ADD COLUMN canceled_at timestamptz`,
      // Authorised and canceled orders have taken nothing.
      `ALTER TABLE orders ADD CONSTRAINT orders_captured_by_status CHECK (status = 'paid' OR amount_captured = 0)`,
      `CREATE OR REPLACE FUNCTION omni_order_snapshot(o orders) RETURNS jsonb LANGUAGE sql STABLE AS $$
         SELECT jsonb_build_object('object', 'order', 'id', o.id, 'sessionId', o.session_id, 'status', o.status,
           'amount', o.amount, 'amountCaptured', o.amount_captured, 'currency', o.currency, 'lineItems', o.line_items,
           'provider', o.provider_id, 'paymentReference', o.payment_reference, 'createdAt', o.created_at)
       $$`,
      // order.paid when money is taken (at payment, or at capture of an authorised order), order.authorized
      // when a manual-capture payment is authorised, order.canceled when an authorisation is released.
      `CREATE OR REPLACE FUNCTION omni_order_events() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE v_type text;
       BEGIN
         IF TG_OP = 'INSERT' THEN
           v_type := CASE NEW.status WHEN 'paid' THEN 'order.paid' WHEN 'authorized' THEN 'order.authorized' END;
         ELSIF NEW.status <> OLD.status THEN
           v_type := CASE NEW.status WHEN 'paid' THEN 'order.paid' WHEN 'canceled' THEN 'order.canceled' END;
         END IF;
         IF v_type IS NOT NULL THEN
           PERFORM omni_emit_merchant_event(NEW.merchant_id, v_type, v_type || ':' || NEW.id,
             (SELECT livemode FROM checkout_sessions WHERE id = NEW.session_id), jsonb_build_object('object', omni_order_snapshot(NEW)));
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER orders_merchant_events_status AFTER UPDATE OF status ON orders FOR EACH ROW EXECUTE FUNCTION omni_order_events()`,
    ],
  },
];
