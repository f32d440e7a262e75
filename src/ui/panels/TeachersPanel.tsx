import { useEffect } from 'react';
import { useLabActions, useSetup, useZoo } from '../../store/hooks';
import type { ZooEntry } from '../../store/vocabulary';
import { teacherColor } from '../charts/colors';
import { Panel, SliderField } from './controls';
import { UploadTeacher } from './UploadTeacher';

/** A zoo teacher's size, accuracy, feature dimension and feature scale. */
function TeacherFacts({ entry }: { readonly entry: ZooEntry }) {
  const scale = Math.sqrt(entry.featureStats.trace / entry.featureDim);
  return (
    <dl className="teacher-facts">
      <dt>params</dt>
      <dd>{entry.parameters.toLocaleString('en')}</dd>
      <dt>accuracy</dt>
      <dd>{(entry.testAccuracy * 100).toFixed(2)} %</dd>
      <dt>feature dim</dt>
      <dd>{entry.featureDim}</dd>
      <dt>feature scale</dt>
      <dd title="sqrt(tr Σ / C) of its pooled features">{scale.toFixed(2)}</dd>
    </dl>
  );
}

function TeacherCard({ entry, index }: { readonly entry: ZooEntry; readonly index: number }) {
  const setup = useSetup();
  const { updateSetup } = useLabActions();
  const chosen = setup.teachers.find((t) => t.id === entry.id);
  type Knobs = Partial<NonNullable<typeof chosen>>;
  const setKnobs = (p: Knobs): void => {
    updateSetup((c) => ({
      ...c,
      teachers: c.teachers.map((t) => (t.id === entry.id ? { ...t, ...p } : t)),
    }));
  };
  return (
    <li
      className={`teacher-card${chosen ? ' chosen' : ''}`}
      style={{ borderLeftColor: chosen ? teacherColor(index) : '#cbd5e1' }}
    >
      <label className="teacher-pick">
        <input
          type="checkbox"
          checked={chosen !== undefined}
          aria-label={`Use teacher ${entry.name}`}
          onChange={(e) => {
            const on = e.target.checked;
            updateSetup((c) => ({
              ...c,
              teachers: on
                ? [...c.teachers, { id: entry.id, weight: 1, featureScale: 1, logitScale: 1 }]
                : c.teachers.filter((t) => t.id !== entry.id),
            }));
          }}
        />
        <strong>{entry.name}</strong>
      </label>
      <TeacherFacts entry={entry} />
      {chosen && (
        <div className="teacher-knobs">
          <SliderField
            label={`Loss weight of ${entry.id}`}
            value={chosen.weight}
            min={0}
            max={3}
            step={0.1}
            onChange={(weight) => setKnobs({ weight })}
          />
          <SliderField
            label={`Feature scale ×${chosen.featureScale} of ${entry.id}`}
            value={chosen.featureScale}
            min={0.1}
            max={100}
            step={0.05}
            log
            format={(v) => `×${v}`}
            onChange={(featureScale) => setKnobs({ featureScale })}
          />
          {setup.logits.method !== 'none' && (
            <SliderField
              label={`Logit scale ×${chosen.logitScale} of ${entry.id}`}
              value={chosen.logitScale}
              min={0.25}
              max={4}
              step={0.05}
              log
              format={(v) => `×${v}`}
              onChange={(logitScale) => setKnobs({ logitScale })}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** The teacher zoo of the chosen dataset: pick several, weight them, make one loud. */
export function TeachersPanel({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const zoo = useZoo(setup.dataset);
  const { loadZoo } = useLabActions();
  const hasZoo = setup.dataset === 'mnist' || setup.dataset === 'fashion-mnist';
  useEffect(() => {
    if (hasZoo) loadZoo(setup.dataset);
  }, [hasZoo, loadZoo, setup.dataset]);
  return (
    <Panel id="teachers" title="Teachers" hidden={hidden}>
      {!hasZoo && (
        <p className="hint">This dataset has no teacher zoo: train with labels or DFL.</p>
      )}
      {hasZoo && zoo === undefined && <p className="hint">Loading the teacher zoo…</p>}
      {zoo !== undefined && 'error' in zoo && <p role="alert">{zoo.error}</p>}
      {zoo !== undefined && !('error' in zoo) && (
        <ul className="teacher-list" aria-label="Teacher zoo">
          {zoo.teachers.map((t) => (
            <TeacherCard
              key={t.id}
              entry={t}
              index={Math.max(
                0,
                setup.teachers.findIndex((c) => c.id === t.id),
              )}
            />
          ))}
        </ul>
      )}
      {hasZoo && <UploadTeacher />}
    </Panel>
  );
}
