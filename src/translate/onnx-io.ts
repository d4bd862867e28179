// Reading and writing ONNX model files with protobufjs and the official onnx.proto (vendored next to
// this file from the onnx 1.23.1 Python wheel, Apache-2.0). Only the few message shapes the int8
// rewrite touches are typed here; everything else passes through as decoded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** onnx.TensorProto.DataType values used by the rewrite. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;
/** onnx.AttributeProto.AttributeType values used by the rewrite. */
export const AttributeType = { FLOAT: 1, INT: 2, TENSOR: 4, GRAPH: 5, INTS: 7, GRAPHS: 10 } as const;

export interface TensorProto {
  name: string;
  dims: (number | protobuf.Long)[];
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int64Data?: (number | protobuf.Long)[];
  dataLocation?: number;
}

export interface AttributeProto {
  name: string;
  type: number;
  i?: number | protobuf.Long;
  f?: number;
  ints?: (number | protobuf.Long)[];
  t?: TensorProto;
  g?: GraphProto;
  graphs?: GraphProto[];
}

export interface NodeProto {
  name?: string;
  opType: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

export interface ValueInfoProto {
  name: string;
  type?: unknown;
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
}

export interface OperatorSetId {
  domain?: string;
  version: number | protobuf.Long;
}

export interface ModelProto {
  graph: GraphProto;
  opsetImport: OperatorSetId[];
  producerName?: string;
  metadataProps: { key: string; value: string }[];
}

const PROTO_FILE = fileURLToPath(new URL('./onnx.proto', import.meta.url));
let modelType: protobuf.Type | undefined;

function types(): protobuf.Type {
  modelType ??= protobuf.loadSync(PROTO_FILE).lookupType('onnx.ModelProto');
  return modelType;
}

export function decodeModel(bytes: Uint8Array): ModelProto {
  return types().decode(bytes) as unknown as ModelProto;
}

export function readModel(file: string): ModelProto {
  return decodeModel(readFileSync(file));
}

export function encodeModel(model: ModelProto): Uint8Array {
  return types().encode(model as unknown as protobuf.Message).finish();
}

/** int64 fields decode as `Long` objects (protobufjs with the long package) or numbers. */
export function toNumber(value: number | protobuf.Long | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  return value.high * 2 ** 32 + (value.low >>> 0);
}

/** The default-domain ('' or 'ai.onnx') opset version of a model. */
export function defaultOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return toNumber(entry?.version);
}

/** A float tensor's values as a Float32Array (copied: raw_data is not necessarily 4-byte aligned). */
export function floatValues(tensor: TensorProto): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    const copy = new Uint8Array(tensor.rawData.length);
    copy.set(tensor.rawData);
    return new Float32Array(copy.buffer);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

export function tensor(name: string, dataType: number, dims: readonly number[], data: Uint8Array | Int8Array | Float32Array | BigInt64Array): TensorProto {
  return { name, dataType, dims: [...dims], rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function node(opType: string, input: readonly string[], output: readonly string[], name: string, attribute: AttributeProto[] = []): NodeProto {
  return { name, opType, domain: '', input: [...input], output: [...output], attribute };
}

export function intAttribute(name: string, value: number): AttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

export function intsAttribute(name: string, values: readonly number[]): AttributeProto {
  return { name, type: AttributeType.INTS, ints: [...values] };
}

/** Every subgraph held by a node's attributes (If/Loop/Scan bodies). */
export function subgraphs(n: NodeProto): GraphProto[] {
  const out: GraphProto[] = [];
  for (const attribute of n.attribute) {
    if (attribute.g) out.push(attribute.g);
    if (attribute.graphs) out.push(...attribute.graphs);
  }
  return out;
}
