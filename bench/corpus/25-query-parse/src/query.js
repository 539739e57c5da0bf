function decode(text) {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** Parses "a=1&b=x+y&a=2" into { a: ['1', '2'], b: 'x y' }. */
export function parseQuery(query) {
  const params = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.lastIndexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    if (!Object.hasOwn(params, key)) params[key] = value;
    else if (Array.isArray(params[key])) params[key].push(value);
    else params[key] = [params[key], value];
  }
  return params;
}

export function getParam(query, name) {
  const value = parseQuery(query)[name];
  return Array.isArray(value) ? value[0] : value;
}

export function getAll(query, name) {
  const value = parseQuery(query)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function queryFromUrl(url) {
  const start = url.indexOf('?');
  if (start === -1) return {};
  const end = url.indexOf('#', start);
  return parseQuery(url.slice(start + 1, end === -1 ? undefined : end));
}
