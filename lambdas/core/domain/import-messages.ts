// Core: the import queue's messages — a job to check, or one chunk of it to import — in one schema that the SQS
// writer serializes through and the import worker parses with.
import * as z from 'zod';

/** An import's id: 16 base64url characters (12 random bytes). */
export const IMPORT_ID = /^[A-Za-z0-9_-]{16}$/u;

export const isImportId = (value: string): boolean => IMPORT_ID.test(value);

const importMessage = z
  .object({
    importId: z.string().regex(IMPORT_ID),
    /** Absent: check the uploaded list and queue its chunks; present: import that chunk. */
    chunk: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export type ImportMessage = z.infer<typeof importMessage>;

export function importMessageBody(message: ImportMessage): string {
  return JSON.stringify(importMessage.parse(message));
}

/** What a message body holds, or undefined for anything else: it would fail the same way on every receive. */
export function parseImportMessage(body: string): ImportMessage | undefined {
  try {
    const parsed = importMessage.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
