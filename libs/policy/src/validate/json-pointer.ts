/** RFC 6901 JSON pointers: '' is the whole document, '/Statement/0/Action/1' a node inside it. */
export function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
