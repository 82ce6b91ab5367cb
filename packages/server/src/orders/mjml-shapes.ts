/**
 * MJML rendered once per document shape. MJML takes milliseconds of CPU per document (3–7 ms on
 * the project's machine), more than the confirm whose email it renders (docs/backend-operations.md,
 * "Third pass"). A notice's document differs between emails only in its values (shop, order
 * number, amounts, link) and in its shape (language, direction, which optional parts it has, how
 * many lines): the document is built with a token in each value's place, rendered by MJML once per
 * distinct tokenised source, and each email's values (escaped by the caller, as they would have
 * been in the source) are put in the tokens' places.
 *
 * A shape is rendered directly, every time, when MJML did not carry every token through unchanged.
 * `mjml-shapes.test.ts` checks that the result equals MJML's own rendering of the document with
 * the values in place, byte for byte, for the notices' shapes and for values with markup characters.
 */
import type mjmlType from 'mjml';

type Mjml = typeof mjmlType;
/** Marks a value's place; letters and digits only, so MJML and its HTML handling leave it alone. */
const token = (index: number) => `omniSlot${index}x`;
const TOKEN = /omniSlot(\d+)x/g;
/** Shapes are few (languages × optional parts × line counts); the map is emptied if that ever stops being true. */
const MAX_SHAPES = 500;

type Rendered = { readonly html: string } | 'direct';
const shapes = new Map<string, Promise<Rendered>>();

/** `build(put)` makes the MJML source; `put(value)` places an already-escaped value. */
export type BuildSource = (put: (escaped: string) => string) => string;

async function mjml(): Promise<Mjml> {
  // MJML (seconds to load on a busy machine) loads with the first email, not with the server.
  return (await import('mjml')).default;
}

/** MJML's rendering of the document with its values in place. */
export async function renderDirect(build: BuildSource): Promise<string> {
  return (await (await mjml())(build((value) => value), { validationLevel: 'strict' })).html;
}

async function renderShape(source: string, count: number): Promise<Rendered> {
  let html: string;
  try {
    ({ html } = await (await mjml())(source, { validationLevel: 'strict' }));
  } catch {
    // A token where MJML validates a value (a size, a colour): the document with its values decides.
    return 'direct';
  }
  for (let i = 0; i < count; i++) if (!html.includes(token(i))) return 'direct';
  return { html };
}

export async function renderMjml(build: BuildSource): Promise<string> {
  const values: string[] = [];
  const source = build((value) => token(values.push(value) - 1));
  let shape = shapes.get(source);
  if (!shape) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = renderShape(source, values.length);
    shapes.set(source, shape);
  }
  const rendered = await shape;
  if (rendered === 'direct') return renderDirect(build);
  return rendered.html.replace(TOKEN, (_, index: string) => values[Number(index)]!);
}
