import type { FromWorker } from '../engine/worker/protocol';
import { checkInputShape, parseUploadedModel } from '../models/uploadParse';
import { type SliceContext, type UploadsSlice } from './labTypes';

/** The input shape [h, w, c] of a dataset's images, as an uploaded teacher must take them. */
export function datasetInputShape(dataset: string): [number, number, number] {
  return dataset === 'digits' ? [8, 8, 1] : [28, 28, 1];
}

/** An id from the model's name: `upload-<slug>` (a new upload of that name replaces the old). */
export function uploadId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'model';
  return `upload-${slug}`;
}

/** Teachers the user dropped in: their state here, their bytes in the worker session. */
export function uploadsSlice(ctx: SliceContext): UploadsSlice {
  const { set, get, session } = ctx;
  return {
    uploads: [],
    inspectUpload: (files) => {
      const info = parseUploadedModel(files);
      checkInputShape(info, datasetInputShape(get().setup.dataset));
      return info;
    },
    addUpload: (name, files, featureOutput) => {
      const id = uploadId(name);
      const loading = {
        id,
        name,
        featureOutput,
        status: 'loading',
        message: 'loading in the worker',
        featureDim: 0,
      } as const;
      set({ uploads: [...get().uploads.filter((u) => u.id !== id), loading] });
      session.registerUpload(
        id,
        { name, files, featureOutput, inputShape: datasetInputShape(get().setup.dataset) },
        get().backendChoice,
      );
    },
  };
}

/** The worker loaded an upload: it is ready, and selected as a teacher if it is not already. */
export function uploadReady(
  ctx: SliceContext,
  m: Extract<FromWorker, { type: 'teacherRegistered' }>,
): void {
  const { set, get } = ctx;
  set({
    uploads: get().uploads.map((u) =>
      u.id === m.id
        ? {
            ...u,
            status: 'ready',
            message: m.hasLogits ? 'features + logits' : 'features only',
            featureDim: m.featureDim,
          }
        : u,
    ),
  });
  if (!get().setup.teachers.some((t) => t.id === m.id))
    get().updateSetup((c) => ({
      ...c,
      teachers: [...c.teachers, { id: m.id, weight: 1, featureScale: 1 }],
    }));
}

export function uploadFailed(
  ctx: SliceContext,
  m: Extract<FromWorker, { type: 'teacherFailed' }>,
): void {
  ctx.session.forgetUpload(m.id);
  ctx.set({
    uploads: ctx.get().uploads.filter((u) => u.id !== m.id),
    errors: [...ctx.get().errors, `Could not load the uploaded teacher: ${m.message}`],
  });
}
