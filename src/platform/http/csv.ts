// Sending a CSV file to download: UTF-8 with a byte-order mark (so spreadsheet programs read accents right),
// as an attachment, never cached (exports of a signed-in user's figures).
import type { FastifyReply } from 'fastify';

export function sendCsvAttachment(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(`\uFEFF${body}`);
}
