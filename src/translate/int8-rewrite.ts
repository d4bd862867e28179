// The batch-independent int8 rewrite of an fp32 ONNX graph (pure: model in, model out).
//
// onnxruntime's `quantize_dynamic` quantises activations per TENSOR: one scale for the whole batch,
// set by its largest value, so a sentence's tokens can change with its batch-mates. Here every
// activation ROW (one token's vector) gets its own scale, computed from that row alone:
//
//   s   = max(ReduceMax(|x|, last axis), tiny) / 127          [..., 1]   per row
//   q   = Cast<uint8>(Round(x / s + 128))                       zero point 128 for every row
//   y   = MatMulIntegerToFloat(q, Wq, 1, colScale, 128) * s     (the original bias Add follows)
//
// with weights quantised once, per output column (Wq int8 in [-127, 127], colScale = max|W[:, n]| / 127).
// Integer products are exact, so row r of y is a function of row r of x only. Token embedding tables
// (Gather on a large float initializer) become int8 per table row with a per-row scale, which is
// row-local too. Subgraphs (the merged decoder's `If` branches) are rewritten in place; new
// initializers go to the main graph, which both branches can read, so shared weights stay shared.
// Two decoder-only extras: a logsumexp output for en_score (addLogSumExp) and no per-step copy of
// the fixed cross-attention cache in the with-past branch (dropInputEchoes).
import {
  DataType,
  defaultOpset,
  floatValues,
  intAttribute,
  intsAttribute,
  node,
  subgraphs,
  tensor,
  toNumber,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './onnx-io.ts';
import type protobuf from 'protobufjs';

/** Bumped whenever the rewrite's output changes: part of the derived file's name. */
export const INT8_REWRITE_VERSION = 2;

/** onnxruntime's contrib-op domain (MatMulIntegerToFloat). */
const MS_DOMAIN = 'com.microsoft';

/** Gather tables with fewer elements stay fp32 (positions, small tables: no memory to win). */
const MIN_GATHER_ELEMENTS = 1 << 20;
/** MatMul weights smaller than this on either side stay fp32. */
const MIN_MATMUL_DIM = 16;
/** Appended to every new tensor name, so nothing collides with the exporter's names. */
const PREFIX = 'fralign_int8/';

export interface RewriteOptions {
  /** Keep the LM head (the MatMul producing `logitsName`) in fp32. Default false (int8 too). */
  readonly keepLmHeadFp32?: boolean;
  /** Name of the logits output. Default 'logits'. */
  readonly logitsName?: string;
  /** Add a `logsumexp_name` output = ReduceLogSumExp(logits) over the vocabulary (for en_score). Default: none. */
  readonly logSumExpName?: string;
}

export interface RewriteStats {
  readonly matmuls: number;
  readonly gathers: number;
  readonly rowQuantisers: number;
  readonly weightsInt8: number;
  readonly weightsKept: number;
  /** Subgraph outputs that only copied a main-graph input back out, now empty (see dropInputEchoes). */
  readonly echoesDropped: number;
}

interface Quantised {
  readonly q: string;
  readonly scale: string;
}

/** Per-output-column int8 of a [K, N] float matrix. */
export function quantiseColumns(values: Float32Array, k: number, n: number): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(n);
  for (let row = 0; row < k; row++) {
    const offset = row * n;
    for (let col = 0; col < n; col++) {
      const a = Math.abs(values[offset + col] as number);
      if (a > (scales[col] as number)) scales[col] = a;
    }
  }
  for (let col = 0; col < n; col++) scales[col] = Math.max(scales[col] as number, 1e-30) / 127;
  const q = new Int8Array(k * n);
  for (let row = 0; row < k; row++) {
    const offset = row * n;
    for (let col = 0; col < n; col++) q[offset + col] = roundSymmetric((values[offset + col] as number) / (scales[col] as number));
  }
  return { q, scales };
}

/** Per-row int8 of a [V, D] float table; scales as [V, 1]. */
export function quantiseRows(values: Float32Array, v: number, d: number): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(v);
  const q = new Int8Array(v * d);
  for (let row = 0; row < v; row++) {
    let max = 0;
    for (let c = 0; c < d; c++) max = Math.max(max, Math.abs(values[row * d + c] as number));
    const scale = Math.max(max, 1e-30) / 127;
    scales[row] = scale;
    for (let c = 0; c < d; c++) q[row * d + c] = roundSymmetric((values[row * d + c] as number) / scale);
  }
  return { q, scales };
}

function roundSymmetric(x: number): number {
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return Math.max(-127, Math.min(127, r));
}

/** Rewrites `model` in place and returns what it changed. */
export function rewriteInt8(model: ModelProto, options: RewriteOptions = {}): RewriteStats {
  const opset = defaultOpset(model);
  if (opset < 11) throw new Error(`int8 rewrite needs opset >= 11 (Round, MatMulInteger); this model has opset ${opset}`);
  const main = model.graph;
  const initializers = new Map(main.initializer.map((t) => [t.name, t]));
  const newInitializers: TensorProto[] = [];
  const weightCache = new Map<string, Quantised>();
  const tableCache = new Map<string, Quantised>();
  let counter = 0;
  const fresh = (what: string): string => `${PREFIX}${what}_${counter++}`;
  const stats = { matmuls: 0, gathers: 0, rowQuantisers: 0, weightsInt8: 0, weightsKept: 0, echoesDropped: 0 };

  const constant = (name: string, dataType: number, data: Float32Array | Uint8Array | Int8Array | BigInt64Array, dims: readonly number[] = []): string => {
    if (!initializers.has(name)) {
      const t = tensor(name, dataType, dims, data);
      initializers.set(name, t);
      newInitializers.push(t);
    }
    return name;
  };
  const c127 = constant(`${PREFIX}127`, DataType.FLOAT, new Float32Array([127]));
  const c128 = constant(`${PREFIX}128`, DataType.FLOAT, new Float32Array([128]));
  const tiny = constant(`${PREFIX}tiny`, DataType.FLOAT, new Float32Array([1e-30]));
  const zp = constant(`${PREFIX}zero_point`, DataType.UINT8, new Uint8Array([128]));
  const one = constant(`${PREFIX}1`, DataType.FLOAT, new Float32Array([1]));
  const axesLast = opset >= 18 ? constant(`${PREFIX}axes_last`, DataType.INT64, new BigInt64Array([-1n]), [1]) : undefined;

  const floatMatrix = (name: string): TensorProto | undefined => {
    const t = initializers.get(name);
    return t && t.dataType === DataType.FLOAT && t.dims.length === 2 && !t.dataLocation ? t : undefined;
  };
  const quantisedWeight = (t: TensorProto): Quantised => {
    let hit = weightCache.get(t.name);
    if (!hit) {
      const [k, n] = t.dims.map(toNumber) as [number, number];
      const { q, scales } = quantiseColumns(floatValues(t), k, n);
      hit = { q: constant(fresh('w'), DataType.INT8, q, [k, n]), scale: constant(fresh('w_scale'), DataType.FLOAT, scales, [n]) };
      weightCache.set(t.name, hit);
    }
    return hit;
  };
  const quantisedTable = (t: TensorProto): Quantised => {
    let hit = tableCache.get(t.name);
    if (!hit) {
      const [v, d] = t.dims.map(toNumber) as [number, number];
      const { q, scales } = quantiseRows(floatValues(t), v, d);
      hit = { q: constant(fresh('table'), DataType.INT8, q, [v, d]), scale: constant(fresh('table_scale'), DataType.FLOAT, scales, [v, 1]) };
      tableCache.set(t.name, hit);
    }
    return hit;
  };
  const rowMax = (x: string, out: string, name: string): NodeProto =>
    axesLast ? node('ReduceMax', [x, axesLast], [out], name, [intAttribute('keepdims', 1)]) : node('ReduceMax', [x], [out], name, [intsAttribute('axes', [-1]), intAttribute('keepdims', 1)]);

  const lmHeadInput = (graph: GraphProto): NodeProto | undefined =>
    options.keepLmHeadFp32 ? graph.node.find((n) => n.opType === 'MatMul' && producesLogits(graph, n, options.logitsName ?? 'logits')) : undefined;

  const rewriteGraph = (graph: GraphProto): void => {
    const keep = lmHeadInput(graph);
    const rowQuantiser = new Map<string, { q: string; scale: string }>();
    const out: NodeProto[] = [];
    for (const n of graph.node) {
      for (const g of subgraphs(n)) rewriteGraph(g);
      const weight = n.opType === 'MatMul' ? floatMatrix(n.input[1] as string) : undefined;
      const dims = weight?.dims.map(toNumber) ?? [];
      if (weight && n !== keep && Math.min(...dims) >= MIN_MATMUL_DIM) {
        const x = n.input[0] as string;
        let rq = rowQuantiser.get(x);
        if (!rq) {
          const id = fresh('row');
          const t = (s: string): string => `${id}/${s}`;
          out.push(
            node('Abs', [x], [t('abs')], t('Abs')),
            rowMax(t('abs'), t('max'), t('ReduceMax')),
            node('Max', [t('max'), tiny], [t('max_safe')], t('Max')),
            node('Div', [t('max_safe'), c127], [t('scale')], t('Scale')),
            node('Div', [x, t('scale')], [t('scaled')], t('Div')),
            node('Add', [t('scaled'), c128], [t('shifted')], t('Shift')),
            node('Round', [t('shifted')], [t('rounded')], t('Round')),
            node('Cast', [t('rounded')], [t('q')], t('Cast'), [intAttribute('to', DataType.UINT8)]),
          );
          rq = { q: t('q'), scale: t('scale') };
          rowQuantiser.set(x, rq);
          stats.rowQuantisers++;
        }
        const w = quantisedWeight(weight);
        const id = fresh('mm');
        const t = (s: string): string => `${id}/${s}`;
        // onnxruntime's fused MatMulIntegerToFloat applies the per-column weight scale in the GEMM's
        // output pass (its activation scale is one scalar, so it is 1 here); the row scale follows.
        // Same values as MatMulInteger -> Cast -> Mul -> Mul, two passes over the output fewer.
        out.push(
          { ...node('MatMulIntegerToFloat', [rq.q, w.q, one, w.scale, zp], [t('column_scaled')], t('MatMulIntegerToFloat')), domain: MS_DOMAIN },
          node('Mul', [t('column_scaled'), rq.scale], [...n.output], t('RowScale')),
        );
        stats.matmuls++;
        continue;
      }
      const table = n.opType === 'Gather' ? floatMatrix(n.input[0] as string) : undefined;
      const axis = n.attribute.find((a) => a.name === 'axis');
      if (table && toNumber(axis?.i) === 0 && table.dims.map(toNumber).reduce((a, b) => a * b, 1) >= MIN_GATHER_ELEMENTS) {
        const qt = quantisedTable(table);
        const ids = n.input[1] as string;
        const id = fresh('gather');
        const t = (s: string): string => `${id}/${s}`;
        out.push(
          node('Gather', [qt.q, ids], [t('q')], t('Gather')),
          node('Gather', [qt.scale, ids], [t('scale')], t('GatherScale')),
          node('Cast', [t('q')], [t('float')], t('Cast'), [intAttribute('to', DataType.FLOAT)]),
          node('Mul', [t('float'), t('scale')], [...n.output], t('Mul')),
        );
        stats.gathers++;
        continue;
      }
      out.push(n);
    }
    graph.node = out;
  };

  rewriteGraph(main);
  if (!model.opsetImport.some((o) => o.domain === MS_DOMAIN)) model.opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  const mainInputs = new Map(main.input.map((i) => [i.name, i]));
  for (const n of main.node) for (const g of subgraphs(n)) stats.echoesDropped += dropInputEchoes(g, mainInputs);
  if (options.logSumExpName) addLogSumExp(model, options.logitsName ?? 'logits', options.logSumExpName, axesLast);

  // Drop the fp32 originals nothing reads any more; keep those still used (e.g. an fp32 LM head).
  const used = new Set<string>();
  const collect = (graph: GraphProto): void => {
    for (const n of graph.node) {
      for (const input of n.input) used.add(input);
      for (const g of subgraphs(n)) collect(g);
    }
    for (const o of graph.output) used.add(o.name);
  };
  collect(main);
  const before = main.initializer.filter((t) => used.has(t.name));
  stats.weightsInt8 = weightCache.size + tableCache.size;
  stats.weightsKept = before.filter((t) => floatMatrix(t.name)).length;
  main.initializer = [...before, ...newInitializers.filter((t) => used.has(t.name))];
  model.producerName = `${model.producerName ?? ''}+fralign-int8-rows-v${INT8_REWRITE_VERSION}`;
  return stats;
}

/** True when `n`'s output flows (through Add/Identity only) into the graph output `logitsName`. */
function producesLogits(graph: GraphProto, n: NodeProto, logitsName: string): boolean {
  let current = n.output[0] as string;
  for (let hops = 0; hops < 4; hops++) {
    if (graph.output.some((o) => o.name === current) && (current === logitsName || current.endsWith(logitsName))) return true;
    const next = graph.node.find((m) => (m.opType === 'Add' || m.opType === 'Identity') && m.input.includes(current));
    if (!next) return false;
    current = next.output[0] as string;
  }
  return false;
}

/**
 * logsumexp of the logits over the vocabulary, as an extra main-graph output of shape [batch, steps]:
 * max(logits) - max(LogSoftmax(logits)). onnxruntime's vectorised LogSoftmax plus two ReduceMax take
 * 2.8 ms on [16, 59514] where its ReduceLogSumExp takes 9.6 ms (1 thread; docs/translation.md), and
 * the max-shift keeps it exact to float rounding (~3e-6 relative).
 */
function addLogSumExp(model: ModelProto, logitsName: string, outputName: string, axesLast: string | undefined): void {
  const graph = model.graph;
  const logits = graph.output.find((o) => o.name === logitsName);
  if (!logits) throw new Error(`int8 rewrite: no graph output named ${logitsName}`);
  const reduceMax = (x: string, out: string, name: string): NodeProto =>
    node('ReduceMax', axesLast ? [x, axesLast] : [x], [out], name, [intAttribute('keepdims', 0), ...(axesLast ? [] : [intsAttribute('axes', [-1])])]);
  const t = (s: string): string => `${PREFIX}lse/${s}`;
  graph.node = [
    ...graph.node,
    node('LogSoftmax', [logitsName], [t('log_softmax')], t('LogSoftmax'), [intAttribute('axis', -1)]),
    reduceMax(logitsName, t('max'), t('Max')),
    reduceMax(t('log_softmax'), t('max_log_softmax'), t('MaxLogSoftmax')),
    node('Sub', [t('max'), t('max_log_softmax')], [outputName], t('Sub')),
  ];
  graph.output = [...graph.output, { name: outputName, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'steps' }] } } } }];
}

/**
 * A merged decoder's with-past branch hands the cross-attention cache it was given straight back out
 * (present.*.encoder.* = Identity(Concat(past_key_values.*.encoder.*))): two copies of ~1 MB per
 * layer and step for nothing, since the cache is fixed after step 0 and fralign's loop only reads it
 * there. Such a subgraph output, a chain of copies ending at a main-graph input, now reads an empty
 * tensor instead. Returns how many outputs changed.
 */
function dropInputEchoes(graph: GraphProto, mainInputs: ReadonlyMap<string, ValueInfoProto>): number {
  const producer = new Map(graph.node.flatMap((n) => n.output.map((o) => [o, n] as const)));
  const origin = (name: string): string => {
    let current = name;
    for (let hops = 0; hops < 8; hops++) {
      const n = producer.get(current);
      if (!n || !isPassThrough(n)) return current;
      current = n.input[0] as string;
    }
    return current;
  };
  let changed = 0;
  for (const output of graph.output) {
    const last = producer.get(output.name);
    const input = mainInputs.get(origin(output.name));
    if (!last || last.opType !== 'Identity' || !input) continue;
    // Same rank and fixed sizes as the input, 0 where its size is symbolic: onnxruntime warns on
    // stderr when an output contradicts a fixed size the model declares.
    const dims = declaredDims(input).map((d) => d ?? 0);
    const empty = `${PREFIX}empty_${dims.join('x')}`;
    if (!graph.initializer.some((t) => t.name === empty)) graph.initializer.push(tensor(empty, DataType.FLOAT, dims, new Float32Array(0)));
    last.input = [empty];
    changed++;
  }
  // The copies that fed the old outputs are dead now.
  for (;;) {
    const read = new Set([...outerReads(graph), ...graph.output.map((o) => o.name)]);
    const alive = graph.node.filter((n) => !isPassThrough(n) || n.output.some((o) => read.has(o)));
    if (alive.length === graph.node.length) return changed;
    graph.node = alive;
  }
}

/** A node that copies its one input: Identity, or a Concat of a single tensor (the exporter's way of writing a cache with no past). */
function isPassThrough(n: NodeProto): boolean {
  return n.opType === 'Identity' || (n.opType === 'Concat' && n.input.length === 1);
}

/** A value's declared dimensions: the fixed size, or undefined where it is symbolic. */
function declaredDims(value: ValueInfoProto): (number | undefined)[] {
  const shape = (value.type as { tensorType?: { shape?: { dim?: { dimValue?: number | protobuf.Long }[] } } } | undefined)?.tensorType?.shape;
  if (!shape?.dim) throw new Error(`int8 rewrite: input ${value.name} declares no shape`);
  return shape.dim.map((d) => (d.dimValue === undefined || d.dimValue === null ? undefined : toNumber(d.dimValue) || undefined));
}

/** Every name a (sub)graph's nodes read, nested subgraphs included. */
function outerReads(graph: GraphProto): string[] {
  return graph.node.flatMap((n) => [...n.input, ...subgraphs(n).flatMap(outerReads)]);
}
