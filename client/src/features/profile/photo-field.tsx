import { createSignal, onCleanup, Show } from "solid-js";
import { Avatar } from "../../components/ui/avatar";
import { describedBy, FieldError } from "../../components/ui/field";
import { Spinner } from "../../components/ui/spinner";
import { errorMessage, fieldErrorsOf } from "../../lib/errors";
import { invalidateProfile, PHOTO_MAX_BYTES, PHOTO_TYPES, uploadPhoto } from "./queries";

/** Picks and uploads a profile photo right away (its own HTTP route), with a preview and readable errors. */
export function PhotoField(props: { name: string; photoUrl: string | null | undefined; onUploaded?: (url: string | null) => void }) {
  const id = "photo-input";
  const [preview, setPreview] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  let objectUrl: string | undefined;
  const release = () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = undefined;
  };
  onCleanup(release);

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    setError(undefined);
    setDone(false);
    if (!file) return;
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      setError("Choose a PNG, JPEG or WebP image.");
      input.value = "";
      return;
    }
    if (file.size > PHOTO_MAX_BYTES) {
      setError("The photo is larger than 2 MB. Choose a smaller one.");
      input.value = "";
      return;
    }
    release();
    objectUrl = URL.createObjectURL(file);
    setPreview(objectUrl);
    setBusy(true);
    try {
      const { photoUrl } = await uploadPhoto(file);
      setDone(true);
      void invalidateProfile();
      props.onUploaded?.(photoUrl);
    } catch (err) {
      setPreview(null);
      release();
      setError(fieldErrorsOf(err).photo?.[0] ?? errorMessage(err));
      input.value = "";
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="flex flex-col gap-3 sm:flex-row sm:items-center sm:gap-5">
      {/* Decorative: the file input is the labelled control, and its status lines say what happened. */}
      <Avatar name={props.name} src={preview() ?? props.photoUrl} size="xl" />
      <div class="flex flex-col gap-1.5">
        <label for={id} class="text-sm font-medium text-slate-800">
          Photo
        </label>
        <input
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={error() ? "true" : undefined}
          aria-describedby={describedBy(id, true, error())}
          disabled={busy()}
          onChange={(e) => void choose(e.currentTarget)}
          class="block w-full max-w-xs text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        <p id={`${id}-description`} class="text-sm text-slate-500">
          PNG, JPEG or WebP, up to 2 MB. A clear face photo helps people recognise you.
        </p>
        <Show when={busy()}>
          <p class="flex items-center gap-2 text-sm text-slate-600">
            <Spinner size="sm" label="" /> Uploading…
          </p>
        </Show>
        <Show when={done()}>
          <p role="status" class="text-sm font-medium text-emerald-700">
            Photo saved.
          </p>
        </Show>
        <FieldError id={id} error={error()} />
      </div>
    </div>
  );
}
