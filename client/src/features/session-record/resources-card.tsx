import { addLinkInput } from "@shared/modules/session-record/session-record.schema";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { TextField } from "../../components/ui/text-field";
import { errorMessage, errorMessageWithFields } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { RESOURCE_ACCEPT, recordActions, type SessionRecord, uploadResource } from "./queries";

function sizeOf(bytes: number | null) {
  if (bytes === null) return "";
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Links and files shared in the session: open or download, add, and remove (by their adder or staff). */
export function ResourcesCard(props: { record: SessionRecord; onChanged: () => void }) {
  const r = () => props.record;
  const [title, setTitle] = createSignal("");
  const [url, setUrl] = createSignal("");
  const [adding, setAdding] = createSignal(false);
  const [uploading, setUploading] = createSignal(false);
  const [uploadError, setUploadError] = createSignal<unknown>(null);
  const [removeError, setRemoveError] = createSignal<unknown>(null);
  const errors = createFormErrors();
  let fileInput: HTMLInputElement | undefined;

  async function addLink(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(
      addLinkInput,
      { sessionId: r().id, title: title(), url: url() },
      { shown: (p) => p === "title" || p === "url" },
    );
    if (!input) return;
    setAdding(true);
    try {
      await recordActions.addLink(input);
      setTitle("");
      setUrl("");
      props.onChanged();
    } catch (err) {
      errors.fromServer(err, (p) => p === "title" || p === "url");
    } finally {
      setAdding(false);
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadResource(r().id, file);
      props.onChanged();
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(false);
      if (fileInput) fileInput.value = "";
    }
  }

  async function remove(id: string) {
    setRemoveError(null);
    try {
      await recordActions.removeResource(id);
      props.onChanged();
    } catch (err) {
      setRemoveError(err);
    }
  }

  return (
    <Card title="Resources">
      <Show when={r().resources.length > 0} fallback={<p class="text-sm text-slate-600">No links or files yet.</p>}>
        <ul class="flex flex-col gap-2 text-sm" aria-label="Resources">
          <For each={r().resources}>
            {(res) => (
              <li class="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <Show
                    when={res.kind === "file"}
                    fallback={
                      <a
                        href={res.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        class="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
                      >
                        {res.title}
                      </a>
                    }
                  >
                    <a
                      href={res.url}
                      download={res.title}
                      class="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
                    >
                      {res.title}
                    </a>
                    <span class="text-slate-600"> (file, {sizeOf(res.byteSize)})</span>
                  </Show>
                  <Show when={res.addedBy}>
                    <span class="text-slate-600"> added by {res.addedBy?.name}</span>
                  </Show>
                </span>
                <Show when={res.canRemove}>
                  <Button size="sm" variant="ghost" onClick={() => remove(res.id)} aria-label={`Remove ${res.title}`}>
                    Remove
                  </Button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={removeError()}>
        <Alert tone="error" class="mt-3">
          {errorMessage(removeError())}
        </Alert>
      </Show>
      <Show when={r().viewer.canEdit}>
        <form
          class="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
          onSubmit={addLink}
          novalidate
        >
          <TextField label="Link title" value={title()} onInput={setTitle} error={errors.field("title")} maxLength={200} />
          <TextField label="Web address" type="url" value={url()} onInput={setUrl} error={errors.field("url")} placeholder="https://" />
          <Button type="submit" class="sm:mt-7" loading={adding()}>
            Add link
          </Button>
        </form>
        <div class="mt-4 flex flex-col gap-1.5">
          <label for="session-resource-file" class="text-sm font-medium text-slate-800">
            Upload a file
          </label>
          <input
            id="session-resource-file"
            ref={fileInput}
            type="file"
            accept={RESOURCE_ACCEPT}
            disabled={uploading()}
            aria-describedby="session-resource-file-hint"
            class="text-sm"
            onChange={(e) => upload(e.currentTarget.files?.[0])}
          />
          <p id="session-resource-file-hint" class="text-sm text-slate-600">
            PDF, Word (.docx), PNG or JPEG, at most 5 MB.
          </p>
          <Show when={uploadError()}>
            <Alert tone="error">{errorMessageWithFields(uploadError())}</Alert>
          </Show>
        </div>
      </Show>
    </Card>
  );
}
