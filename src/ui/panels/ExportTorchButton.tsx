import { useSetup } from '../../store/hooks';
import { useTorchExport } from '../../store/torchExport';
import { downloadBlob } from '../compare/download';

/**
 * "Export to PyTorch": downloads the experiment as a PyTorch DDP recipe (zip) — experiment.json,
 * train.py for torchrun, the methods package, the lab's data, cached teacher features, the zoo
 * teachers as state dicts and the student's initial weights.
 */
export function ExportTorchButton() {
  const setup = useSetup();
  const { status, message, start } = useTorchExport();
  return (
    <div className="export-torch">
      <button
        type="button"
        disabled={status === 'building'}
        title="A zip to run this experiment with PyTorch DDP: torchrun --nproc_per_node=N train.py --config experiment.json"
        onClick={() => {
          start(setup, (zip, name) => {
            downloadBlob(new Blob([zip as BlobPart], { type: 'application/zip' }), name);
          });
        }}
      >
        {status === 'building' ? 'Exporting…' : 'Export to PyTorch'}
      </button>
      {status !== 'idle' && (
        <span
          role={status === 'failed' ? 'alert' : 'status'}
          data-testid="export-torch-status"
          className={status === 'failed' ? 'export-torch-error' : 'hint'}
        >
          {status === 'building'
            ? message
            : status === 'done'
              ? `Downloaded (${message})`
              : message}
        </span>
      )}
    </div>
  );
}
