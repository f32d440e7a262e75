import { z } from 'zod';

/** Datasets that ship with the lab (DESIGN §4). Nothing is fetched at run time. */
export const DATASET_IDS = ['mnist', 'fashion-mnist', 'digits', 'blobs', 'spirals'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
export const SHIPPED_DATASETS = [
  'mnist',
  'fashion-mnist',
  'digits',
] as const satisfies readonly DatasetId[];
export type ShippedDatasetId = (typeof SHIPPED_DATASETS)[number];

export function isDatasetId(v: unknown): v is DatasetId {
  return typeof v === 'string' && (DATASET_IDS as readonly string[]).includes(v);
}

/** The small JSON header beside each dataset's uint8 files (`public/data/<id>/header.json`). */
export const datasetHeaderSchema = z.object({
  id: z.enum(SHIPPED_DATASETS),
  name: z.string(),
  height: z.number().int().positive(),
  width: z.number().int().positive(),
  channels: z.number().int().positive(),
  classNames: z.array(z.string()).min(2),
  train: z.number().int().positive(),
  test: z.number().int().positive(),
  /** Pixels are uint8; value / pixelScale ∈ [0, 1]. */
  pixelScale: z.number().positive(),
  splitSeed: z.number().int(),
  files: z.object({ images: z.string(), labels: z.string() }),
  source: z.string(),
  licence: z.string(),
});
export type DatasetHeader = z.infer<typeof datasetHeaderSchema>;
