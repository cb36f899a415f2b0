// CSV for Excel in Japan: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting.
const BOM = "\uFEFF";

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  // A leading = + - @ would be read as a formula by spreadsheet software.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((r) => r.map(cell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

export function withBom(text: string): string {
  return text.startsWith(BOM) ? text : BOM + text;
}

/** Offers text as a file download (no navigation, so no credentials ever go in a URL). */
export function download(filename: string, text: string): void {
  const blob = new Blob([text], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
    a.remove();
  }, 1000);
}
