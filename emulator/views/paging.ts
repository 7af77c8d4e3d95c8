/**
 * ARM list paging: `{ value: [...], nextLink }`, nextLink absent on the last page (`x-ms-pageable` in both swaggers).
 * The cursor is an offset in `$skiptoken`, the query parameter ARM services use for continuation.
 */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

export function paginate<T>(
  items: T[],
  o: { pageSize: number; skipToken: string | undefined; baseUrl: string; path: string; apiVersion: string },
): Page<T> {
  const offset = parseSkipToken(o.skipToken);
  const value = items.slice(offset, offset + o.pageSize);
  const next = offset + o.pageSize;
  if (next >= items.length) return { value };
  // `$` left unencoded, as in real nextLinks
  return { value, nextLink: `${o.baseUrl}${o.path}?api-version=${encodeURIComponent(o.apiVersion)}&$skiptoken=${next}` };
}

function parseSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const n = Number(token);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
