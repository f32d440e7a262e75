import {
  AVATAR_PERTURBATIONS,
  FEATURE_LOSS_KINDS,
  NORMALIZER_KINDS,
  NORMALIZER_LABELS,
  SNAPSHOT_RULES,
  SNAPSHOT_RULE_LABELS,
  STATISTICS_MODES,
  type AvatarPerturbation,
  type FeatureLossKind,
  type NormalizerKind,
  type SnapshotRule,
  type StatisticsMode,
} from '../../store/vocabulary';
import { useLabActions, useSetup } from '../../store/hooks';
import { CheckboxField, NumberField, Panel, SelectField, SliderField } from './controls';
import { LogitSection } from './LogitSection';
import { setters, type SectionProps } from './methodSetters';

const STATISTICS_LABELS: Record<StatisticsMode, string> = {
  exact: 'exact (whole teacher cache)',
  streaming: 'streaming (TAO: refit every 100 steps, freeze after N steps)',
};
function FeatureSection({ setup, updateSetup }: SectionProps) {
  const { feature } = setup;
  const { setFeature } = setters(updateSetup);
  const hasTeachers = setup.teachers.length > 0;
  return (
    <fieldset>
      <legend>Feature distillation</legend>
      <CheckboxField
        label="Distill teacher features"
        checked={feature.enabled}
        disabled={!hasTeachers}
        onChange={(enabled) => setFeature({ enabled })}
      />
      <SelectField<NormalizerKind>
        label="Teacher normalization"
        value={feature.normalizer}
        disabled={!feature.enabled}
        options={NORMALIZER_KINDS.map((k) => ({ value: k, label: NORMALIZER_LABELS[k] }))}
        onChange={(normalizer) => setFeature({ normalizer })}
      />
      <SelectField<FeatureLossKind>
        label="Feature loss"
        value={feature.loss}
        disabled={!feature.enabled}
        options={FEATURE_LOSS_KINDS.map((k) => ({
          value: k,
          label: k === 'balanced' ? 'balanced (0.9 cos + 0.1 smooth-L1)' : k,
        }))}
        onChange={(loss) => setFeature({ loss })}
      />
      <SelectField<StatisticsMode>
        label="Statistics"
        value={feature.statistics}
        disabled={!feature.enabled}
        options={STATISTICS_MODES.map((value) => ({ value, label: STATISTICS_LABELS[value] }))}
        onChange={(statistics) => setFeature({ statistics })}
      />
      {feature.statistics === 'streaming' && (
        <NumberField
          label="Freeze statistics after (steps)"
          value={feature.streamFreezeSteps}
          min={1}
          onChange={(streamFreezeSteps) => setFeature({ streamFreezeSteps })}
        />
      )}
    </fieldset>
  );
}

function AvatarSection({ setup, updateSetup }: SectionProps) {
  const { feature, avatars } = setup;
  const { setAvatars } = setters(updateSetup);
  return (
    <fieldset>
      <legend>Avatars</legend>
      <CheckboxField
        label="Avatar KD"
        checked={avatars.enabled}
        disabled={!feature.enabled}
        onChange={(enabled) => setAvatars({ enabled })}
      />
      {avatars.enabled && (
        <>
          <SelectField<'paper' | 'code'>
            label="Avatar variant (paper / code)"
            value={avatars.variant}
            options={[
              { value: 'paper', label: 'paper: K avatars, uncertainty factor' },
              { value: 'code', label: 'code: 1 avatar, batch-standardized' },
            ]}
            onChange={(variant) => setAvatars({ variant })}
          />
          <NumberField
            label="Avatars per step K"
            value={avatars.count}
            min={1}
            max={8}
            onChange={(count) => setAvatars({ count })}
          />
          <SelectField<AvatarPerturbation>
            label="Perturbation"
            value={avatars.perturbation}
            options={AVATAR_PERTURBATIONS.map((p) => ({ value: p, label: p }))}
            onChange={(perturbation) => setAvatars({ perturbation })}
          />
          <SliderField
            label="Perturbation rate p"
            value={avatars.rate}
            min={0}
            max={0.9}
            step={0.05}
            onChange={(rate) => setAvatars({ rate })}
          />
        </>
      )}
    </fieldset>
  );
}

function DflSection({ setup, updateSetup }: SectionProps) {
  const { dfl } = setup;
  const { setDfl } = setters(updateSetup);
  return (
    <fieldset>
      <legend>DFL</legend>
      <CheckboxField
        label="DFL self-distillation and resets"
        checked={dfl.enabled}
        onChange={(enabled) => setDfl({ enabled })}
      />
      {dfl.enabled && (
        <>
          <NumberField
            label="Snapshot pool size K"
            value={dfl.poolSize}
            min={1}
            max={8}
            onChange={(poolSize) => setDfl({ poolSize })}
          />
          <SelectField<SnapshotRule>
            label="Snapshot rule"
            value={dfl.rule}
            options={SNAPSHOT_RULES.map((value) => ({
              value,
              label: SNAPSHOT_RULE_LABELS[value],
            }))}
            onChange={(rule) => setDfl({ rule })}
          />
          <NumberField
            label="Snapshot every (steps)"
            value={dfl.snapshotEvery}
            min={1}
            onChange={(snapshotEvery) => setDfl({ snapshotEvery })}
          />
          <NumberField
            label="Reset period R (steps, 0 = never)"
            value={dfl.resetPeriod}
            min={0}
            onChange={(resetPeriod) => setDfl({ resetPeriod })}
          />
          <NumberField
            label="Reset depth (weight layers from the output)"
            value={dfl.resetDepth}
            min={0}
            max={8}
            onChange={(resetDepth) => setDfl({ resetDepth })}
          />
        </>
      )}
    </fieldset>
  );
}

export function MethodPanel({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const { updateSetup } = useLabActions();
  return (
    <Panel id="method" title="Method" hidden={hidden}>
      <FeatureSection setup={setup} updateSetup={updateSetup} />
      <LogitSection setup={setup} updateSetup={updateSetup} />
      <AvatarSection setup={setup} updateSetup={updateSetup} />
      <DflSection setup={setup} updateSetup={updateSetup} />
    </Panel>
  );
}
