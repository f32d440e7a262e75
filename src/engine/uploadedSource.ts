import * as tf from '@tensorflow/tfjs';
import {
  loadUploadedTeacher,
  parseUploadedModel,
  type UploadedFile,
} from '../models/uploadedTeacher';
import { fingerprintOf } from './outputStore';
import type { TeacherSource } from './teacherCache';

export interface RegisteredTeacher extends TeacherSource {
  readonly name: string;
  readonly dispose: () => void;
}

/**
 * Loads an uploaded tf.js model as a frozen teacher source: the chosen output is the feature
 * vector; the model's last output, when it has one more, gives class logits.
 */
export async function registerUploadedTeacher(
  name: string,
  files: readonly UploadedFile[],
  featureOutput: string,
  inputShape: readonly [number, number, number],
): Promise<RegisteredTeacher> {
  const info = parseUploadedModel(files);
  const teacher = await loadUploadedTeacher(info, featureOutput);
  try {
    const x0 = tf.zeros<tf.Rank.R4>([1, ...inputShape]);
    const out0 = teacher.predict(x0);
    const featureDim = out0.features.shape[1];
    const numClasses = out0.logits?.shape[1] ?? 0;
    tf.dispose([x0, out0.features, ...(out0.logits ? [out0.logits] : [])]);
    if (featureDim < 1) throw new Error(`output "${featureOutput}" gives no features`);
    const size = inputShape[0] * inputShape[1] * inputShape[2];
    // stored outputs belong to these exact bytes, this output and this input shape
    const fingerprint = await fingerprintOf([
      'upload',
      featureOutput,
      inputShape.join('x'),
      ...[...files].sort((a, b) => a.name.localeCompare(b.name)).flatMap((f) => [f.name, f.bytes]),
    ]);
    return {
      name,
      featureDim,
      fingerprint,
      numClasses: numClasses > 1 ? numClasses : null,
      predictAll: async (split) => {
        const features = new Float32Array(split.count * featureDim);
        const logits = numClasses > 1 ? new Float32Array(split.count * numClasses) : null;
        for (let start = 0; start < split.count; start += 256) {
          const n = Math.min(256, split.count - start);
          const x = tf.tensor4d(split.inputs.subarray(start * size, (start + n) * size), [
            n,
            ...inputShape,
          ]);
          const out = teacher.predict(x);
          x.dispose();
          features.set(await out.features.data(), start * featureDim);
          if (logits && out.logits) logits.set(await out.logits.data(), start * numClasses);
          tf.dispose([out.features, ...(out.logits ? [out.logits] : [])]);
        }
        return { features, logits };
      },
      dispose: teacher.dispose,
    };
  } catch (e) {
    teacher.dispose();
    throw e;
  }
}
