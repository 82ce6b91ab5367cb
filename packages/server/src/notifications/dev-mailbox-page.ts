/** `GET /dev/mailbox`: the dev mailbox as a page a person reads their code from (outside production only). */
import type { CaughtMessage } from './mail-catcher.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Strict: no script at all; the only style is the stylesheet below, allowed by its hash-free `style-src 'self'`-less policy. */
export const DEV_MAILBOX_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function devMailboxPage(messages: readonly CaughtMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) => `<article aria-labelledby="m${m.id}">
  <h2 id="m${m.id}">${m.channel === 'sms' ? 'Text message' : escape(m.subject) || '(no subject)'}</h2>
  <p>To <strong>${escape(m.to)}</strong> · <time datetime="${m.receivedAt}">${escape(m.receivedAt)}</time> · ${m.channel === 'sms' ? 'SMS' : 'email'}</p>
  <pre>${escape(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox · omni-checkout</title></head>
<body><main>
<h1>Dev mailbox</h1>
<p>Email and text messages the backend sent while no SMTP server or SMS provider is configured (never in production). Newest first; reload to see new ones.</p>
${items || '<p>No messages yet.</p>'}
</main></body></html>`;
}
