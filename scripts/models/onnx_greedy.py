"""Greedy decoding with the exported ONNX files through onnxruntime, the way transformers.js drives
them (merged decoder, empty past on the first step, use_cache_branch afterwards). Used to check
that the export reproduces what PyTorch memorised before anything reaches Node."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort


class OnnxGreedy:
    def __init__(self, folder: Path, config: dict, quantized: bool = False) -> None:
        suffix = "_quantized" if quantized else ""
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        self.encoder = ort.InferenceSession(str(folder / "onnx" / f"encoder_model{suffix}.onnx"), options)
        self.decoder = ort.InferenceSession(str(folder / "onnx" / f"decoder_model_merged{suffix}.onnx"), options)
        self.config = config
        self.output_names = [o.name for o in self.decoder.get_outputs()]

    def run(self, sources: list[list[int]], max_new_tokens: int) -> list[list[int]]:
        cfg = self.config
        pad, eos = cfg["pad_token_id"], cfg["eos_token_id"]
        width = max(len(s) for s in sources)
        ids = np.full((len(sources), width), pad, dtype=np.int64)
        mask = np.zeros((len(sources), width), dtype=np.int64)
        for i, row in enumerate(sources):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        hidden = self.encoder.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        heads, head_dim = cfg["decoder_attention_heads"], cfg["d_model"] // cfg["decoder_attention_heads"]
        feeds: dict[str, np.ndarray] = {
            "encoder_attention_mask": mask,
            "encoder_hidden_states": hidden,
            "input_ids": np.full((len(sources), 1), cfg["decoder_start_token_id"], dtype=np.int64),
            "use_cache_branch": np.array([False]),
        }
        for i in range(cfg["decoder_layers"]):
            for part in ("decoder", "encoder"):
                for kv in ("key", "value"):
                    feeds[f"past_key_values.{i}.{part}.{kv}"] = np.zeros((len(sources), heads, 0, head_dim), np.float32)
        produced = [[] for _ in sources]
        done = np.zeros(len(sources), dtype=bool)
        for _ in range(max_new_tokens):
            result = dict(zip(self.output_names, self.decoder.run(None, feeds)))
            logits = result["logits"][:, -1].copy()
            logits[:, pad] = -np.inf
            step = logits.argmax(-1)
            for i, token in enumerate(step):
                if not done[i]:
                    produced[i].append(int(token))
                    done[i] = token == eos
            if done.all():
                break
            feeds["input_ids"] = step[:, None].astype(np.int64)
            feeds["use_cache_branch"] = np.array([True])
            for name in list(feeds):
                if name.startswith("past_key_values."):
                    feeds[name] = result[name.replace("past_key_values", "present")]
        return produced
