import {
  datasetHeaderSchema,
  type DatasetHeader,
  type DatasetId,
  type ShippedDatasetId,
} from './datasetInfo';
import type { Dataset } from './dataset';
import { syntheticDataset } from './synthetic';

/** Reads a file under the app's public folder (`data/mnist/header.json`…): fetch in the browser, fs in Node. */
export type PublicFileReader = (relativePath: string) => Promise<Uint8Array>;

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function loadHeader(
  id: ShippedDatasetId,
  read: PublicFileReader,
): Promise<DatasetHeader> {
  const raw = await read(`data/${id}/header.json`);
  const parsed = datasetHeaderSchema.safeParse(JSON.parse(new TextDecoder().decode(raw)));
  if (!parsed.success)
    throw new Error(`data/${id}/header.json is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Builds a dataset from its header, uint8 pixels (train then test) and uint8 labels. */
export function datasetFromBytes(
  header: DatasetHeader,
  pixels: Uint8Array,
  labels: Uint8Array,
): Dataset {
  const size = header.height * header.width * header.channels;
  const total = header.train + header.test;
  if (pixels.length !== total * size) {
    throw new Error(
      `${header.id}: expected ${total * size} pixel bytes (${total} images of ${size}), got ${pixels.length}`,
    );
  }
  if (labels.length !== total)
    throw new Error(`${header.id}: expected ${total} labels, got ${labels.length}`);
  for (const l of labels)
    if (l >= header.classNames.length) throw new Error(`${header.id}: label ${l} is out of range`);
  const inputs = new Float32Array(pixels.length);
  const scale = 1 / header.pixelScale;
  for (let i = 0; i < pixels.length; i++) inputs[i] = (pixels[i] ?? 0) * scale;
  const cut = header.train * size;
  return {
    id: header.id,
    name: header.name,
    inputShape: [header.height, header.width, header.channels],
    classNames: header.classNames,
    train: {
      count: header.train,
      inputs: inputs.subarray(0, cut),
      labels: labels.subarray(0, header.train),
    },
    test: {
      count: header.test,
      inputs: inputs.subarray(cut),
      labels: labels.subarray(header.train),
    },
  };
}

/** Loads any dataset: shipped ones through `read`, synthetic ones generated on the spot. */
export async function loadDataset(id: DatasetId, read: PublicFileReader): Promise<Dataset> {
  if (id === 'blobs' || id === 'spirals') return syntheticDataset(id);
  const header = await loadHeader(id, read);
  const [pixelsGz, labels] = await Promise.all([
    read(`data/${id}/${header.files.images}`),
    read(`data/${id}/${header.files.labels}`),
  ]);
  // a server may already have decoded the gzip (Content-Encoding): check the magic bytes
  const gzipped = pixelsGz[0] === 0x1f && pixelsGz[1] === 0x8b;
  return datasetFromBytes(header, gzipped ? await gunzip(pixelsGz) : pixelsGz, labels);
}
