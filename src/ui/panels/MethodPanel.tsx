import {
  AVATAR_PERTURBATIONS,
  FEATURE_LOSS_KINDS,
  LOGIT_METHODS,
  LOGIT_METHOD_LABELS,
  NORMALIZER_KINDS,
  NORMALIZER_LABELS,
  OFA_BRANCH_KINDS,
  SNAPSHOT_RULES,
  SNAPSHOT_RULE_LABELS,
  STATISTICS_MODES,
  type AvatarPerturbation,
  type ExperimentConfig,
  type FeatureLossKind,
  type LogitMethod,
  type NormalizerKind,
  type OfaBranchKind,
  type SnapshotRule,
  type StatisticsMode,
} from '../../store/vocabulary';
import { useLabActions, useSetup } from '../../store/hooks';
import { LOGIT_DEFAULTS, switchLogitMethod } from '../../store/setupRules';
import { CheckboxField, NumberField, Panel, SelectField, SliderField } from './controls';

const STATISTICS_LABELS: Record<StatisticsMode, string> = {
  exact: 'exact (whole teacher cache)',
  streaming: 'streaming (TAO: refit every 100 steps, freeze after N steps)',
};
const BRANCH_LABELS: Record<OfaBranchKind, string> = {
  deep: 'deep (OFAKD: shallower stages get more blocks)',
  light: 'light (one small head per stage)',
};

type C = ExperimentConfig;
type Update = (f: (c: C) => C) => void;

/** Setters for one section of the setup (the panel's fieldsets share them). */
function setters(updateSetup: Update) {
  return {
    setFeature: (p: Partial<C['feature']>): void =>
      updateSetup((c) => ({ ...c, feature: { ...c.feature, ...p } })),
    setLogits: (p: Partial<C['logits']>): void =>
      updateSetup((c) => ({ ...c, logits: { ...c.logits, ...p } })),
    setOfa: (p: Partial<C['logits']['ofa']>): void =>
      updateSetup((c) => ({ ...c, logits: { ...c.logits, ofa: { ...c.logits.ofa, ...p } } })),
    setAvatars: (p: Partial<C['avatars']>): void =>
      updateSetup((c) => ({ ...c, avatars: { ...c.avatars, ...p } })),
    setDfl: (p: Partial<C['dfl']>): void => updateSetup((c) => ({ ...c, dfl: { ...c.dfl, ...p } })),
  };
}

interface SectionProps {
  readonly setup: C;
  readonly updateSetup: Update;
}

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

function LogitSection({ setup, updateSetup }: SectionProps) {
  const { logits } = setup;
  const { setLogits, setOfa } = setters(updateSetup);
  const hasTeachers = setup.teachers.length > 0;
  return (
    <fieldset>
      <legend>Logit distillation</legend>
      <SelectField<LogitMethod>
        label="Logit method"
        value={logits.method}
        disabled={!hasTeachers}
        options={LOGIT_METHODS.map((value) => ({ value, label: LOGIT_METHOD_LABELS[value] }))}
        onChange={(method) => updateSetup((c) => switchLogitMethod(c, method))}
      />
      {logits.method !== 'none' && (
        <p className="hint" data-testid="logit-defaults">
          Reference defaults: T = {LOGIT_DEFAULTS[logits.method].temperature}, weight{' '}
          {LOGIT_DEFAULTS[logits.method].weight}, label CE{' '}
          {LOGIT_DEFAULTS[logits.method].labelWeight} (loaded when you switch method, unless you
          changed them).
        </p>
      )}
      {logits.method !== 'none' && (
        <>
          <SelectField<string>
            label="Logit teacher"
            value={logits.teacher}
            options={[
              { value: 'mean', label: 'mean of all teachers' },
              ...setup.teachers.map((t) => ({ value: t.id, label: t.id })),
            ]}
            onChange={(teacher) => setLogits({ teacher })}
          />
          <SliderField
            label="Temperature T"
            value={logits.temperature}
            min={0.5}
            max={10}
            step={0.5}
            onChange={(temperature) => setLogits({ temperature })}
          />
          <SliderField
            label="Logit loss weight"
            value={logits.weight}
            min={0}
            max={10}
            step={0.1}
            onChange={(weight) => setLogits({ weight })}
          />
        </>
      )}
      {logits.method === 'ofa' && (
        <>
          <SliderField
            label="OFA ε (target enhancement)"
            value={logits.ofa.eps}
            min={0.5}
            max={3}
            step={0.1}
            onChange={(eps) => setOfa({ eps })}
          />
          <SelectField<'code' | 'paper'>
            label="OFA variant (paper / code)"
            value={logits.ofa.variant}
            options={[
              { value: 'code', label: 'code: [(p_t + e)^ε − e]·log p_s' },
              { value: 'paper', label: 'paper: (1 + p_t,y)^ε on the target only' },
            ]}
            onChange={(variant) => setOfa({ variant })}
          />
          <CheckboxField
            label="OFA branch heads on student stages"
            checked={logits.ofa.branches}
            onChange={(branches) => setOfa({ branches })}
          />
          {logits.ofa.branches && (
            <SelectField<OfaBranchKind>
              label="OFA branches"
              value={logits.ofa.branchKind}
              options={OFA_BRANCH_KINDS.map((value) => ({ value, label: BRANCH_LABELS[value] }))}
              onChange={(branchKind) => setOfa({ branchKind })}
            />
          )}
        </>
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
