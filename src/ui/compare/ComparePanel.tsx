import { useState } from 'react';
import {
  COMPARE_FIELDS,
  COMPARE_FIELD_LABELS,
  compareVariants,
  type CompareField,
} from '../../store/compareVariants';
import { useBackend, useJob, useLabActions, useSetup } from '../../store/hooks';
import { FEATURE_LOSS_KINDS, LOGIT_METHODS, NORMALIZER_KINDS } from '../../store/vocabulary';
import { NumberField, Panel, SelectField } from '../panels/controls';
import { JsonFileInput } from '../panels/JsonFileInput';

const CHOICES: Record<CompareField, readonly string[]> = {
  normalizer: NORMALIZER_KINDS,
  featureLoss: FEATURE_LOSS_KINDS,
  logitMethod: LOGIT_METHODS,
  ofaEps: ['1', '1.5', '2'],
  avatars: ['off', 'on'],
  seed: ['0', '1', '2', '3'],
};

/** One click to compare: pick what varies and the values; every variant runs in lockstep. */
export function ComparePanel({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const job = useJob();
  const { info } = useBackend();
  const { startCompare, importCompare } = useLabActions();
  const [field, setField] = useState<CompareField>('normalizer');
  const [chosen, setChosen] = useState<Record<CompareField, readonly string[]>>({
    ...CHOICES,
    normalizer: ['none', 'global', 'per-dim', 'phi-s'],
  });
  const [seeds, setSeeds] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const active =
    job !== null &&
    (job.status === 'running' || job.status === 'loading' || job.status === 'paused');
  const values = chosen[field];
  return (
    <Panel id="compare" title="Compare" hidden={hidden}>
      <SelectField<CompareField>
        label="Vary"
        value={field}
        options={COMPARE_FIELDS.map((f) => ({ value: f, label: COMPARE_FIELD_LABELS[f] }))}
        onChange={setField}
      />
      <fieldset className="compare-values" aria-label="Values to compare">
        {CHOICES[field].map((v) => (
          <label key={v}>
            <input
              type="checkbox"
              checked={values.includes(v)}
              onChange={(e) => {
                const next = e.target.checked ? [...values, v] : values.filter((x) => x !== v);
                setChosen({ ...chosen, [field]: CHOICES[field].filter((x) => next.includes(x)) });
              }}
            />{' '}
            {v}
          </label>
        ))}
      </fieldset>
      <NumberField
        label="Seeds per variant"
        value={seeds}
        min={1}
        max={10}
        disabled={field === 'seed'}
        onChange={setSeeds}
      />
      <button
        type="button"
        className="primary"
        disabled={info === null || active}
        onClick={() => {
          try {
            setError(null);
            startCompare(compareVariants(setup, field, values, seeds));
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        Run comparison ({values.length * (field === 'seed' ? 1 : seeds)} runs)
      </button>
      {error !== null && <p role="alert">{error}</p>}
      <JsonFileInput label="Import comparison results" onText={importCompare} />
    </Panel>
  );
}
