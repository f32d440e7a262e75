/** A labelled picker for one JSON file; hands its text to `onText` and clears itself. */
export function JsonFileInput({ label, onText, lines = false }: { readonly label: string; readonly onText: (text: string) => void; readonly lines?: boolean }) {
  return (
    <label className="field">
      {label} ({lines ? 'JSON or JSON lines' : 'JSON'})
      <input
        type="file"
        accept={lines ? '.json,.jsonl,application/json' : '.json,application/json'}
        aria-label={label}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.text().then(onText);
          e.target.value = '';
        }}
      />
    </label>
  );
}
