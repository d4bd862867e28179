// HTML escaping. Every piece of article text, id or manifest value goes through escapeHtml before it
// reaches the page, in text and in attributes alike, so markup inside an article shows as text.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that can end text or a quoted attribute value in HTML and SVG. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Tagged template that escapes every interpolated value; use `raw()` for already-built markup. */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | RawHtml)[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += (value instanceof RawHtml ? value.markup : escapeHtml(String(value))) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

/** Markup that is already safe (built by `html` or from constants); never wrap article text in it. */
export class RawHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export function raw(markup: string): RawHtml {
  return new RawHtml(markup);
}

export function join(parts: readonly RawHtml[], separator = ''): RawHtml {
  return new RawHtml(parts.map((part) => part.markup).join(separator));
}

/** "1 aligned pair", "3 aligned pairs", "2 stories". */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`;
  return /[^aeiou]y$/.test(noun) ? `${count} ${noun.slice(0, -1)}ies` : `${count} ${noun}s`;
}
