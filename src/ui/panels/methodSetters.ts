import type { ExperimentConfig } from '../../store/vocabulary';

type C = ExperimentConfig;
export type Update = (f: (c: C) => C) => void;

/** Setters for one section of the setup (the panel's fieldsets share them). */
export function setters(updateSetup: Update) {
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

export interface SectionProps {
  readonly setup: C;
  readonly updateSetup: Update;
}
