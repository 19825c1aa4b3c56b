/**
 * Wraps a body in dollar quotes whose tag does not occur in it: a role or column name containing
 * `$$` must not end the body early.
 */
export function dollarQuote(body: string): string {
  let tag = '$$';
  for (let n = 0; body.includes(tag); n++) tag = `$wesley${n === 0 ? '' : n}$`;
  return `${tag}${body}${tag}`;
}
