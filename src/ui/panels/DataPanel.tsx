import { useLabActions, useSetup } from '../../store/hooks';
import { Panel, SelectField } from './controls';

const DATASETS = [
  { value: 'mnist', label: 'MNIST digits (10k, zoo of 5 teachers)' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST (30k, zoo of 5 teachers)' },
  { value: 'digits', label: '8×8 digits (1.8k, no teachers: labels/DFL)' },
  { value: 'blobs', label: 'Blobs 2-D (no teachers)' },
  { value: 'spirals', label: 'Spirals 2-D (no teachers)' },
] as const;

type DatasetValue = (typeof DATASETS)[number]['value'];

export function DataPanel({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const { updateSetup } = useLabActions();
  return (
    <Panel id="data" title="Data" hidden={hidden}>
      <SelectField<DatasetValue>
        label="Dataset"
        value={setup.dataset}
        options={DATASETS}
        onChange={(dataset) => {
          updateSetup((c) => {
            const zoo = dataset === 'mnist' || dataset === 'fashion-mnist';
            const points = dataset === 'blobs' || dataset === 'spirals';
            return {
              ...c,
              dataset,
              teachers: zoo ? c.teachers : [],
              feature: zoo ? c.feature : { ...c.feature, enabled: false },
              logits: zoo ? c.logits : { ...c.logits, method: 'none' },
              labelWeight: zoo ? c.labelWeight : Math.max(c.labelWeight, 1),
              student: points ? { ...c.student, arch: 'mlp' } : c.student,
            };
          });
        }}
      />
    </Panel>
  );
}
