/**
 * Checks an uploaded file by its content. The browser's MIME type is only the file name's guess (a
 * renamed .docx arrives as application/pdf), so a PDF is recognised by its `%PDF-` signature.
 */
const PDF_SIGNATURE = Buffer.from("%PDF-", "ascii");

export function isPdf(data: Uint8Array): boolean {
  // Readers accept the signature within the first KiB (some writers prepend junk); so do we.
  const head = Buffer.from(data.subarray(0, 1024));
  return head.indexOf(PDF_SIGNATURE) !== -1;
}
