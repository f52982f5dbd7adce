/** Where uploaded bytes live. Local disk now; an object store later implements the same three calls. */
export type FileStore = {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
};
