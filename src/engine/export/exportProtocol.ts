/** Messages of the export worker (one request, status lines, one result). */
export interface ExportRequest {
  readonly config: unknown;
  readonly baseUrl: string;
}

export type ExportReply =
  | { readonly type: 'status'; readonly message: string }
  | { readonly type: 'done'; readonly zip: Uint8Array; readonly files: number }
  | { readonly type: 'error'; readonly message: string };
