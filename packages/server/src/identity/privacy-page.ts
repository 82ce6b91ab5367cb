/**
 * The privacy page (`GET /privacy`) and its script: plain HTML, one same-origin script, no inline
 * code or style, framed by nobody. Text is set with `textContent` only.
 */
export const PRIVACY_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'none'; style-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export const PRIVACY_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Your saved checkout details</title>
<script src="/privacy/app.js" defer></script>
</head>
<body>
<main>
<h1>Your saved checkout details</h1>
<p>See everything saved about you for fast checkout, or delete it. We send a code to your email address first.</p>
<form id="ask">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Send me a code</button>
</form>
<form id="check" hidden>
<label for="code">The 6-digit code we sent</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit">Continue</button>
</form>
<section id="actions" hidden>
<button id="download" type="button">Download my details (JSON)</button>
<button id="erase" type="button">Delete my saved details</button>
</section>
<p id="status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;

export const PRIVACY_SCRIPT = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const status = (text) => { $('status').textContent = text; };
  let challengeId = null;
  let token = null;
  async function call(path, init) {
    const response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((body.error && body.error.message) || 'Something went wrong. Please try again.');
    return body;
  }
  $('ask').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await call('/v1/privacy/lookup', { method: 'POST', body: JSON.stringify({ email: $('email').value }) });
      challengeId = answer.challengeId;
      $('check').hidden = false;
      status('If details are saved for ' + answer.hint + ', a code is on its way.');
    } catch (error) { status(error.message); }
  });
  $('check').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      token = (await call('/v1/privacy/verify', { method: 'POST', body: JSON.stringify({ challengeId, code: $('code').value }) })).privacyToken;
      $('ask').hidden = true; $('check').hidden = true; $('actions').hidden = false;
      status('Verified. You have five minutes.');
    } catch (error) { status(error.message); }
  });
  $('download').addEventListener('click', async () => {
    try {
      const data = await call('/v1/privacy/export', { method: 'GET' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = 'my-saved-details.json';
      link.click();
      status('Downloaded.');
    } catch (error) { status(error.message); }
  });
  $('erase').addEventListener('click', async () => {
    if (!window.confirm('Delete your saved addresses, payment methods, devices and passkeys? Orders stay with the shops, without your name.')) return;
    try {
      await call('/v1/privacy/erase', { method: 'POST', body: '{}' });
      $('actions').hidden = true; token = null;
      status('Deleted.');
    } catch (error) { status(error.message); }
  });
})();
`;
