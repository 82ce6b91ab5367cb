/** `omni-checkout webhooks …`: register, list, rotate and remove a merchant's webhook endpoints. */
import { parseArgs } from 'node:util';
import { CreateWebhookEndpointRequest } from '@omni-checkout/core';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Template } from '../notifications/outbox.js';
import type { Db } from '../storage/db.js';
import { openDb, migrate, type StorageOptions } from '../storage/index.js';
import { createWebhookSender, merchantWebhookTemplate, MERCHANT_WEBHOOK_TEMPLATE } from '../webhooks/delivery.js';
import { vaultFromEnv } from '../identity/vault.js';
import { webhookStore, type SecretSealer } from '../webhooks/store.js';

/** What the outbox worker of `serve` needs for merchant webhooks. */
export function merchantWorkerOptions(
  db: Db,
  logger: Logger,
  templates: Readonly<Record<string, Template>>,
  sealer: SecretSealer,
  onFailure?: () => void,
) {
  const store = webhookStore(db, sealer);
  return {
    templates: { ...templates, [MERCHANT_WEBHOOK_TEMPLATE]: merchantWebhookTemplate(store) },
    webhooks: createWebhookSender({ store, logger, ...(onFailure ? { onFailure } : {}) }),
  };
}

interface WebhooksIo {
  readonly out: (line: string) => void;
  readonly storageOptions: StorageOptions;
  readonly env: NodeJS.ProcessEnv;
}

export async function webhooksCommand(argv: readonly string[], io: WebhooksIo): Promise<number> {
  const [action, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      merchant: { type: 'string' },
      endpoint: { type: 'string' },
      url: { type: 'string' },
      event: { type: 'string', multiple: true },
      description: { type: 'string' },
      'keep-previous-seconds': { type: 'string' },
      dev: { type: 'boolean' },
    },
  });
  // The signing secrets are sealed with the data key, as `serve` reads them (`--dev`: its development keys).
  const vault = vaultFromEnv(io.env, () => undefined, { dev: values.dev === true });
  const db = await openDb(io.storageOptions);
  try {
    await migrate(db);
    const store = webhookStore(db, vault);
    if (action === 'add') {
      if (!values.merchant) throw new Error('Pass --merchant mer_...');
      const parsed = CreateWebhookEndpointRequest.safeParse({
        url: values.url,
        events: values.event ?? ['*'],
        ...(values.description ? { description: values.description } : {}),
      });
      if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
      const endpoint = await store.createEndpoint(values.merchant, parsed.data);
      io.out(`Endpoint ${endpoint.id} → ${endpoint.url} (${endpoint.events.join(', ')})`);
      io.out(`Signing secret: ${endpoint.secret}`);
      io.out('The secret is shown only now (and at rotation).');
      return 0;
    }
    if (action === 'list') {
      if (!values.merchant) throw new Error('Pass --merchant mer_...');
      for (const e of await store.listEndpoints(values.merchant)) {
        io.out(`${e.id}  ${e.enabled ? 'enabled ' : 'disabled'}  ${e.url}  ${e.events.join(',')}`);
      }
      return 0;
    }
    if (action === 'rotate' || action === 'remove') {
      const endpoint = values.endpoint ? await store.endpointById(values.endpoint) : null;
      if (!endpoint) throw new Error('Pass --endpoint we_... of an existing endpoint');
      if (action === 'remove') {
        await store.deleteEndpoint(endpoint.merchantId, endpoint.id);
        io.out(`Removed ${endpoint.id}.`);
        return 0;
      }
      const keep = Number(values['keep-previous-seconds'] ?? 86_400);
      if (!Number.isSafeInteger(keep) || keep < 0) throw new Error('--keep-previous-seconds must be a whole number of seconds');
      const rotated = (await store.rotateSecret(endpoint.merchantId, endpoint.id, keep * 1000, new Date()))!;
      io.out(`New signing secret: ${rotated.secret}`);
      io.out(`The previous secret also signs deliveries until ${rotated.previousSecretExpiresAt}.`);
      return 0;
    }
    io.out('Usage: omni-checkout webhooks add|list|rotate|remove (see omni-checkout --help)');
    return 2;
  } finally {
    await db.close();
  }
}
