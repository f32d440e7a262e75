/** DFL snapshot selection rules (Park 2024): best validation accuracy so far, or the last K. */
export const SNAPSHOT_RULES = ['best-val', 'last-k'] as const;
export type SnapshotRule = (typeof SNAPSHOT_RULES)[number];
export const SNAPSHOT_RULE_LABELS: Record<SnapshotRule, string> = {
  'best-val': 'best validation accuracy',
  'last-k': 'last K snapshots',
};
