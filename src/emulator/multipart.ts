/**
 * Minimal multipart/form-data parser: enough for the upload endpoints (one file field `media`, maybe a
 * text field such as `description`). Written here rather than pulling a dependency for ~40 lines.
 */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): FormPart[] | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const name = m?.[1] ?? m?.[2];
  if (name === undefined) return undefined;
  const boundary = Buffer.from(`--${name.trim()}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(boundary);
  if (pos < 0) return undefined;
  while (pos >= 0) {
    let start = pos + boundary.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) return undefined;
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) return undefined;
    // The part's data ends with CRLF before the next boundary.
    const dataEnd = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    const headers = body.toString('utf8', start, headerEnd);
    const disp = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disp)?.[1],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
        data: body.subarray(headerEnd + 4, dataEnd),
      });
    }
    pos = next;
  }
  return parts;
}
