import { useState, type DragEvent } from 'react';
import { useLabActions, useUploads } from '../../store/hooks';
import type { UploadedFile, UploadedModelInfo } from '../../store/vocabulary';

async function readFiles(list: FileList | null): Promise<UploadedFile[]> {
  const files = Array.from(list ?? []);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/**
 * "Add your own teacher": drop or pick a tf.js model.json with its .bin shards. The files are
 * parsed and checked against the dataset here; nothing changes unless everything checks out.
 */
export function UploadTeacher() {
  const uploads = useUploads();
  const { addUpload, inspectUpload } = useLabActions();
  const [parsed, setParsed] = useState<{ name: string; files: UploadedFile[]; info: UploadedModelInfo } | null>(null);
  const [output, setOutput] = useState('');
  const [error, setError] = useState<string | null>(null);

  const accept = async (list: FileList | null): Promise<void> => {
    setError(null);
    setParsed(null);
    try {
      const files = await readFiles(list);
      const info = inspectUpload(files);
      const name = (files.find((f) => f.name.endsWith('.json'))?.name ?? 'model.json').replace(/\.json$/, '');
      setParsed({ name: name === 'model' ? 'my-teacher' : name, files, info });
      const candidates = info.candidateOutputs;
      setOutput(candidates.at(-2) ?? candidates.at(-1) ?? '');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    void accept(e.dataTransfer.files);
  };

  return (
    <div className="upload" aria-label="Add your own teacher">
      <div
        className="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
        }}
        onDrop={onDrop}
      >
        <label>
          Add your own teacher (tf.js model.json + .bin shards)
          <input
            type="file"
            multiple
            accept=".json,.bin"
            aria-label="Teacher model files"
            onChange={(e) => {
              void accept(e.target.files);
            }}
          />
        </label>
        <span className="hint">or drop the files here</span>
      </div>
      {error !== null && (
        <p role="alert" className="upload-error">
          {error}
        </p>
      )}
      {parsed && (
        <div className="upload-choice">
          <p>
            {parsed.info.format === 'layers-model' ? 'LayersModel' : 'GraphModel'} with input [{parsed.info.inputShape.map((v) => v ?? '?').join(', ')}]
          </p>
          <label>
            Feature output
            <select aria-label="Feature output" value={output} onChange={(e) => setOutput(e.target.value)}>
              {parsed.info.candidateOutputs.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              addUpload(parsed.name, parsed.files, output);
              setParsed(null);
            }}
          >
            Add teacher
          </button>
        </div>
      )}
      {uploads.length > 0 && (
        <ul className="upload-list" aria-label="Uploaded teachers">
          {uploads.map((u) => (
            <li key={u.id} data-status={u.status}>
              {u.name} · {u.featureOutput} · {u.status === 'ready' ? `C = ${u.featureDim}, ${u.message}` : u.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
