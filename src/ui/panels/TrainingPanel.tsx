import { useLabActions, useSetup } from '../../store/hooks';
import { OPTIMIZER_KINDS, OPTIMIZER_LABELS, type OptimizerKind } from '../../store/vocabulary';
import { NumberField, Panel, SelectField, SliderField } from './controls';

export function TrainingPanel({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const { updateSetup } = useLabActions();
  return (
    <Panel id="training" title="Training" hidden={hidden}>
      <NumberField
        label="Steps"
        value={setup.steps}
        min={1}
        max={100000}
        onChange={(steps) => updateSetup((c) => ({ ...c, steps }))}
      />
      <NumberField
        label="Batch size"
        value={setup.batchSize}
        min={2}
        max={1024}
        onChange={(batchSize) => updateSetup((c) => ({ ...c, batchSize }))}
      />
      <SelectField<OptimizerKind>
        label="Optimizer"
        value={setup.optimizer.kind}
        options={OPTIMIZER_KINDS.map((value) => ({ value, label: OPTIMIZER_LABELS[value] }))}
        onChange={(kind) => updateSetup((c) => ({ ...c, optimizer: { ...c.optimizer, kind } }))}
      />
      <SliderField
        label="Learning rate"
        value={setup.optimizer.learningRate}
        min={1e-5}
        max={1e-1}
        step={0.05}
        log
        format={(v) => v.toExponential(1)}
        onChange={(learningRate) =>
          updateSetup((c) => ({ ...c, optimizer: { ...c.optimizer, learningRate } }))
        }
      />
      <SliderField
        label="Label cross-entropy weight"
        value={setup.labelWeight}
        min={0}
        max={2}
        step={0.05}
        format={(v) => (v === 0 ? '0 (label-free)' : v.toFixed(2))}
        onChange={(labelWeight) => updateSetup((c) => ({ ...c, labelWeight }))}
      />
      <NumberField
        label="Evaluate every"
        value={setup.evalEvery}
        min={1}
        onChange={(evalEvery) => updateSetup((c) => ({ ...c, evalEvery }))}
      />
      <NumberField
        label="Training samples (0 = all)"
        value={setup.trainSubset}
        min={0}
        onChange={(trainSubset) => updateSetup((c) => ({ ...c, trainSubset }))}
      />
      <NumberField
        label="Seed"
        value={setup.seed}
        min={0}
        onChange={(seed) => updateSetup((c) => ({ ...c, seed }))}
      />
    </Panel>
  );
}
