/**
 * The size of each order text, as a carrier bills it: characters, encoding (GSM-7 or UCS-2) and
 * segments (Twilio's segment calculator), for every notice in every language, with a status link
 * of the real length and a shop name of 16 characters. The table in docs/order-status.md is checked
 * against these figures, so it cannot drift from the templates; and no text takes more than three
 * segments.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ORDER_TEXT_LOCALES, loadOrderText, type NotificationKind } from '@omni-checkout/core/order-text';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { newOrderId } from '../crypto.js';
import { smsBody } from './notify-sms.js';
import { statusToken, statusUrl } from './status-link.js';

const KINDS: readonly NotificationKind[] = ['confirmed', 'shipped', 'delivered', 'return_received', 'refunded'];
const SHOP = 'Omni Demo Coffee';
const LINK = statusUrl('https://shop.example/order-status', statusToken(Buffer.alloc(32, 7), newOrderId()))!;
const doc = readFileSync(fileURLToPath(new URL('../../../../docs/order-status.md', import.meta.url)), 'utf8');

describe('order texts by size', () => {
  it('carries a status link of 123 characters (the shop page, the order and its signature)', () => {
    expect(LINK).toHaveLength(123);
  });

  it('fits every notice in every language in at most three segments, and docs/order-status.md lists each one', async () => {
    const rows: string[] = [];
    for (const lang of ORDER_TEXT_LOCALES) {
      const t = await loadOrderText(lang);
      for (const kind of KINDS) {
        const message = new SegmentedMessage(smsBody(t.mail.sms[kind](SHOP), LINK), 'auto');
        expect(message.segmentsCount, `${lang} ${kind}`).toBeLessThanOrEqual(3);
        rows.push(`| ${lang} | ${kind} | ${message.numberOfCharacters} | ${message.encodingName} | ${message.segmentsCount} |`);
      }
    }
    const missing = rows.filter((row) => !doc.includes(row));
    expect(missing, 'rows of docs/order-status.md that differ from the templates').toEqual([]);
  });
});
