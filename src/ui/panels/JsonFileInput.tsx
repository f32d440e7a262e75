/** A labelled picker for one JSON file; hands its text to `onText` and clears itself. */
export function JsonFileInput({ label, onText }: { readonly label: string; readonly onText: (text: string) => void }) {
  return (
    <label className="field">
      {label} (JSON)
      <input
        type="file"
        accept=".json,application/json"
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
