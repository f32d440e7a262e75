import {
  LOGIT_METHODS,
  LOGIT_METHOD_LABELS,
  OFA_BRANCH_KINDS,
  type LogitMethod,
  type OfaBranchKind,
} from '../../store/vocabulary';
import { LOGIT_DEFAULTS, switchLogitMethod } from '../../store/setupRules';
import { CheckboxField, SelectField, SliderField } from './controls';
import { setters, type SectionProps } from './methodSetters';

const BRANCH_LABELS: Record<OfaBranchKind, string> = {
  deep: 'deep (OFAKD: shallower stages get more blocks)',
  light: 'light (one small head per stage)',
};

export function LogitSection({ setup, updateSetup }: SectionProps) {
  const { logits } = setup;
  const { setLogits } = setters(updateSetup);
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
      {logits.method === 'ofa' && <OfaFields setup={setup} updateSetup={updateSetup} />}
    </fieldset>
  );
}

/** OFA-KD's own knobs: ε, the loss variant, and the branch heads on student stages. */
function OfaFields({ setup, updateSetup }: SectionProps) {
  const { ofa } = setup.logits;
  const { setOfa } = setters(updateSetup);
  return (
    <>
      <SliderField
        label="OFA ε (target enhancement)"
        value={ofa.eps}
        min={0.5}
        max={3}
        step={0.1}
        onChange={(eps) => setOfa({ eps })}
      />
      <SelectField<'code' | 'paper'>
        label="OFA variant (paper / code)"
        value={ofa.variant}
        options={[
          { value: 'code', label: 'code: [(p_t + e)^ε − e]·log p_s' },
          { value: 'paper', label: 'paper: (1 + p_t,y)^ε on the target only' },
        ]}
        onChange={(variant) => setOfa({ variant })}
      />
      <CheckboxField
        label="OFA branch heads on student stages"
        checked={ofa.branches}
        onChange={(branches) => setOfa({ branches })}
      />
      {ofa.branches && (
        <SelectField<OfaBranchKind>
          label="OFA branches"
          value={ofa.branchKind}
          options={OFA_BRANCH_KINDS.map((value) => ({ value, label: BRANCH_LABELS[value] }))}
          onChange={(branchKind) => setOfa({ branchKind })}
        />
      )}
    </>
  );
}
