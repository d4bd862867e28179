"""Export a MarianMTModel to the transformers.js layout:

    onnx/encoder_model.onnx         input_ids, attention_mask -> last_hidden_state
    onnx/decoder_model_merged.onnx  encoder_attention_mask, input_ids, encoder_hidden_states,
                                    past_key_values.N.{decoder,encoder}.{key,value}, use_cache_branch
                                    -> logits, present.N.{decoder,encoder}.{key,value}
    + *_quantized.onnx twins (int8 dynamic quantisation)

The merged decoder is two traced decoders (first step without past, later steps with past) joined
by an ONNX `If` on `use_cache_branch`, the shape transformers.js (v3 and v4) expects.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn
from transformers import MarianMTModel
from transformers.cache_utils import DynamicCache, EncoderDecoderCache

OPSET = 14


class EncoderForExport(nn.Module):
    def __init__(self, model: MarianMTModel) -> None:
        super().__init__()
        self.encoder = model.get_encoder()

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


def _flatten_cache(cache: EncoderDecoderCache, layers: int) -> list[torch.Tensor]:
    flat: list[torch.Tensor] = []
    for i in range(layers):
        self_layer = cache.self_attention_cache.layers[i]
        cross_layer = cache.cross_attention_cache.layers[i]
        flat += [self_layer.keys, self_layer.values, cross_layer.keys, cross_layer.values]
    return flat


class DecoderForExport(nn.Module):
    """One decoding step. Without `past` it computes the cross-attention keys/values from
    `encoder_hidden_states`; with `past` it reuses them and only appends to the self-attention cache."""

    def __init__(self, model: MarianMTModel, with_past: bool) -> None:
        super().__init__()
        self.decoder = model.get_decoder()
        self.lm_head = model.lm_head
        self.register_buffer("final_logits_bias", model.final_logits_bias.detach().clone())
        self.layers = model.config.decoder_layers
        self.with_past = with_past

    def forward(self, encoder_attention_mask, input_ids, encoder_hidden_states, *past):
        if self.with_past:
            grouped = [tuple(past[4 * i : 4 * i + 4]) for i in range(self.layers)]
            cache = EncoderDecoderCache(grouped)
        else:
            cache = EncoderDecoderCache(DynamicCache(), DynamicCache())
        out = self.decoder(
            input_ids=input_ids,
            encoder_hidden_states=encoder_hidden_states,
            encoder_attention_mask=encoder_attention_mask,
            past_key_values=cache,
            use_cache=True,
        )
        logits = self.lm_head(out.last_hidden_state) + self.final_logits_bias
        return (logits, *_flatten_cache(out.past_key_values, self.layers))


def past_names(layers: int, prefix: str) -> list[str]:
    return [f"{prefix}.{i}.{part}.{kv}" for i in range(layers) for part in ("decoder", "encoder") for kv in ("key", "value")]


def _past_axes(name: str) -> dict[int, str]:
    seq = "past_decoder_sequence_length" if ".decoder." in name else "encoder_sequence_length_out"
    return {0: "batch_size", 2: seq}


def export_encoder(model: MarianMTModel, path: Path) -> None:
    ids = torch.tensor([[5, 6, 7, 0], [8, 9, 0, model.config.pad_token_id]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    torch.onnx.export(
        EncoderForExport(model).eval(),
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
            "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"},
        },
        opset_version=OPSET,
        dynamo=False,
    )


def _export_decoder(model: MarianMTModel, path: Path, with_past: bool) -> None:
    cfg = model.config
    layers, heads, head_dim = cfg.decoder_layers, cfg.decoder_attention_heads, cfg.d_model // cfg.decoder_attention_heads
    batch, enc_len, past_len = 2, 5, 3
    enc_mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    enc_states = torch.randn(batch, enc_len, cfg.d_model)
    ids = torch.tensor([[5], [6]]) if with_past else torch.tensor([[cfg.decoder_start_token_id, 5, 6]] * batch)
    past: list[torch.Tensor] = []
    if with_past:
        for name in past_names(layers, "past_key_values"):
            length = past_len if ".decoder." in name else enc_len
            past.append(torch.randn(batch, heads, length, head_dim))
    in_names = ["encoder_attention_mask", "input_ids", "encoder_hidden_states"] + (
        past_names(layers, "past_key_values") if with_past else []
    )
    out_names = ["logits"] + past_names(layers, "present")
    axes: dict[str, dict[int, str]] = {
        "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
        "input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
        "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
        "logits": {0: "batch_size", 1: "decoder_sequence_length"},
    }
    for name in in_names[3:]:
        axes[name] = _past_axes(name)
    for name in out_names[1:]:
        seq = "present_decoder_sequence_length" if ".decoder." in name else "encoder_sequence_length_out"
        axes[name] = {0: "batch_size", 2: seq}
    torch.onnx.export(
        DecoderForExport(model, with_past).eval(),
        (enc_mask, ids, enc_states, *past),
        str(path),
        input_names=in_names,
        output_names=out_names,
        dynamic_axes=axes,
        opset_version=OPSET,
        dynamo=False,
    )


def _branch(graph: onnx.GraphProto, tag: str, outer_inputs: set[str], shared: dict[str, str],
            outer_inits: list[onnx.TensorProto]) -> onnx.GraphProto:
    """Turn a traced decoder graph into an `If` branch: its inputs become outer-scope references,
    its weights move to the outer graph (identical tensors stored once), its internal names get a
    branch prefix, and every output goes through an Identity (an output may be an outer input)."""
    rename: dict[str, str] = {}
    for init in graph.initializer:
        digest = hashlib.sha256(numpy_helper.to_array(init).tobytes()).hexdigest()
        key = f"{init.data_type}:{list(init.dims)}:{digest}"
        if key not in shared:
            shared[key] = f"w{len(shared)}_{init.name}".replace("/", "_")
            copy = onnx.TensorProto()
            copy.CopyFrom(init)
            copy.name = shared[key]
            outer_inits.append(copy)
        rename[init.name] = shared[key]

    def mapped(name: str) -> str:
        if name == "" or name in outer_inputs:
            return name
        return rename.setdefault(name, f"{tag}/{name}")

    nodes = []
    for node in graph.node:
        new = onnx.NodeProto()
        new.CopyFrom(node)
        new.name = f"{tag}/{node.name}"
        del new.input[:]
        new.input.extend(mapped(n) for n in node.input)
        del new.output[:]
        new.output.extend(mapped(n) for n in node.output)
        nodes.append(new)
    outputs = []
    for out in graph.output:
        final = f"{tag}/out/{out.name}"
        nodes.append(helper.make_node("Identity", [mapped(out.name)], [final], name=f"{tag}/identity/{out.name}"))
        info = onnx.ValueInfoProto()
        info.CopyFrom(out)
        info.name = final
        outputs.append(info)
    return helper.make_graph(nodes, f"{tag}_branch", [], outputs)


def merge_decoders(no_past_path: Path, with_past_path: Path, out_path: Path) -> None:
    no_past = onnx.load(str(no_past_path))
    with_past = onnx.load(str(with_past_path))
    # Union of inputs: the with-past trace drops encoder_hidden_states (unused there).
    inputs: dict[str, onnx.ValueInfoProto] = {}
    for graph in (no_past.graph, with_past.graph):
        for value in graph.input:
            inputs.setdefault(value.name, value)
    order = ["encoder_attention_mask", "input_ids", "encoder_hidden_states"]
    order += [n for n in inputs if n.startswith("past_key_values.")]
    use_cache = helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1])
    outer_inputs = set(order) | {"use_cache_branch"}
    shared: dict[str, str] = {}
    outer_inits: list[onnx.TensorProto] = []
    then_branch = _branch(with_past.graph, "with_past", outer_inputs, shared, outer_inits)
    else_branch = _branch(no_past.graph, "no_past", outer_inputs, shared, outer_inits)
    out_names = [o.name for o in no_past.graph.output]
    if out_names != [o.name for o in with_past.graph.output]:
        raise ValueError(f"decoder outputs differ: {out_names} vs {[o.name for o in with_past.graph.output]}")
    if_node = helper.make_node(
        "If", ["use_cache_branch"], out_names, name="optimum::if", then_branch=then_branch, else_branch=else_branch
    )
    graph = helper.make_graph(
        [if_node],
        "decoder_model_merged",
        [inputs[n] for n in order] + [use_cache],
        list(no_past.graph.output),
        initializer=outer_inits,
    )
    merged = helper.make_model(graph, opset_imports=list(no_past.opset_import), producer_name="fralign-make-models")
    merged.ir_version = no_past.ir_version
    onnx.checker.check_model(merged)
    onnx.save(merged, str(out_path))


def quantize(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # EnableSubgraph: without it the weights inside the `If` branches stay fp32.
    quantize_dynamic(
        str(src),
        str(dst),
        weight_type=QuantType.QInt8,
        extra_options={"EnableSubgraph": True},
    )


def export_all(model: MarianMTModel, folder: Path, quantized: bool = True) -> None:
    model = model.eval()
    onnx_dir = folder / "onnx"
    onnx_dir.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        export_encoder(model, onnx_dir / "encoder_model.onnx")
        with tempfile.TemporaryDirectory() as tmp:
            no_past, with_past = Path(tmp) / "decoder.onnx", Path(tmp) / "decoder_with_past.onnx"
            _export_decoder(model, no_past, with_past=False)
            _export_decoder(model, with_past, with_past=True)
            merge_decoders(no_past, with_past, onnx_dir / "decoder_model_merged.onnx")
    if quantized:
        for name in ("encoder_model", "decoder_model_merged"):
            quantize(onnx_dir / f"{name}.onnx", onnx_dir / f"{name}_quantized.onnx")
