/** The download link of a file of a request's conversation (routes.ts serves it). */
export const attachmentPath = (lang: string, requestId: string, attachmentId: string) => `/${lang}/console/requests/${requestId}/attachments/${attachmentId}`;
