import { ARCH_KINDS, ARCH_LABELS, type ArchKind } from '../../store/vocabulary';
import { useLabActions, useSetup } from '../../store/hooks';
import { NumberField, Panel, SelectField } from './controls';

export function StudentPanel({ hidden }: { readonly hidden: boolean }) {
  const { student, dataset } = useSetup();
  const { updateSetup } = useLabActions();
  const points = dataset === 'blobs' || dataset === 'spirals';
  const set = (patch: Partial<typeof student>): void => {
    updateSetup((c) => ({ ...c, student: { ...c.student, ...patch } }));
  };
  return (
    <Panel id="student" title="Student" hidden={hidden}>
      <SelectField<ArchKind>
        label="Architecture"
        value={student.arch}
        options={ARCH_KINDS.filter((a) => !points || a === 'mlp').map((a) => ({
          value: a,
          label: ARCH_LABELS[a],
        }))}
        onChange={(arch) => {
          set({
            arch,
            ...(arch === 'vit' || arch === 'mixer' ? { featureDim: student.width } : {}),
          });
        }}
      />
      <NumberField
        label="Width"
        value={student.width}
        min={4}
        max={1024}
        onChange={(width) => set({ width })}
      />
      <NumberField
        label="Depth"
        value={student.depth}
        min={1}
        max={12}
        onChange={(depth) => set({ depth })}
      />
      <NumberField
        label="Feature dimension"
        value={student.featureDim}
        min={2}
        max={1024}
        disabled={student.arch === 'vit' || student.arch === 'mixer'}
        onChange={(featureDim) => set({ featureDim })}
      />
    </Panel>
  );
}
