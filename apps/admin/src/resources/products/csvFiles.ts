/** The catalog CSV screens' pure parts: the download's name, the upload's checks, a job's counts. */

/** The import endpoints take the file's text in a JSON body of at most 1 MB. */
export const MAX_IMPORT_BYTES = 1_000_000;

export type ImportFileProblem = 'too_large' | 'empty' | 'not_utf8';

const pad = (n: number) => String(n).padStart(2, '0');

/** `商品导出-2026-11-23.csv`: the stem and the day as the user's clock shows it. */
export function datedCsvName(stem: string, date: Date): string {
  return `${stem}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`;
}

export function sizeProblem(bytes: number): ImportFileProblem | undefined {
  if (bytes === 0) return 'empty';
  if (bytes > MAX_IMPORT_BYTES) return 'too_large';
  return undefined;
}

/**
 * The file's text, read strictly as UTF-8 with any BOM dropped. Excel on Chinese Windows saves
 * "CSV" as GBK: that is refused here, before mojibake titles reach the catalog.
 */
export function decodeImportFile(
  bytes: ArrayBuffer | Uint8Array,
): { text: string } | { problem: ImportFileProblem } {
  const tooBig = sizeProblem(bytes.byteLength);
  if (tooBig) return { problem: tooBig };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'not_utf8' };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') return { problem: 'empty' };
  return { text };
}

export type ImportCounts = { applied: number; unchanged: number; failed: number };

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** What an import job's `result` reports (absent counts are 0). */
export function importCounts(result: Record<string, unknown> | null | undefined): ImportCounts {
  return {
    applied: count(result?.applied),
    unchanged: count(result?.unchanged),
    failed: count(result?.failed),
  };
}
