import { FILE_LIMITS, useLabActions, type FileKind } from '../../store/hooks';

/**
 * A labelled picker for one JSON (or JSON-lines) file; hands its text to `onText` and clears
 * itself. A file over its kind's size cap is refused before it is read, with the cap in the message.
 */
export function JsonFileInput({
  label,
  kind,
  onText,
  lines = false,
}: {
  readonly label: string;
  readonly kind: FileKind;
  readonly onText: (text: string) => void;
  readonly lines?: boolean;
}) {
  const { reportError } = useLabActions();
  return (
    <label className="field">
      {label} ({lines ? 'JSON or JSON lines' : 'JSON'}, up to{' '}
      {Math.round(FILE_LIMITS[kind] / 1024 / 1024)} MB)
      <input
        type="file"
        accept={lines ? '.json,.jsonl,application/json' : '.json,application/json'}
        aria-label={label}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          if (f.size > FILE_LIMITS[kind]) {
            reportError(
              `Import failed: the file is ${(f.size / 1024 / 1024).toFixed(0)} MB; ${kind} files are read up to ${Math.round(FILE_LIMITS[kind] / 1024 / 1024)} MB.`,
            );
            return;
          }
          void f.text().then(onText);
        }}
      />
    </label>
  );
}
