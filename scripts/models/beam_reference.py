"""Expected beam-search outputs for fralign's own decoding loop, made by Python transformers.

Runs `MarianMTModel.generate(num_beams=N)` for N = 1, 2, 4 on a fixed sentence list, with the
model's generation_config (bad_words_ids, forced_eos_token_id, renormalize_logits, length_penalty,
early_stopping) and a per-sentence max_length equal to fralign's length cap, and writes the expected
token ids and beam scores as a small JSON fixture (test/fixtures/beams/*.json, read by
test/translate-beams.test.ts).

Same weights as fralign's fp32 engine: the model's forward pass is the committed ONNX files run by
onnxruntime (encoder, then the merged decoder one token per row and step with its key/value cache,
as fralign runs it), wrapped as a transformers model, so everything between logits and tokens (log-softmax, logit
processors, beam bookkeeping, length penalty, stopping) is transformers' own `generate` code. No
PyTorch weights are involved (the model folders hold only ONNX files).

    python scripts/models/beam_reference.py tiny      # test/fixtures/models/tiny-marian
    python scripts/models/beam_reference.py diverse   # models/opus-mt-fr-en-diverse (generate it first)

Each sentence is generated alone (batch 1) and the script checks that one batch of all sentences
gives the same ids, so the fixture does not depend on batching in Python either.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import tokenizers
import torch
import transformers
from transformers import GenerationConfig, MarianConfig, MarianMTModel
from transformers.modeling_outputs import BaseModelOutput, Seq2SeqLMOutput

ROOT = Path(__file__).resolve().parents[2]

# fralign's length cap (src/translate/engine.ts DEFAULT_LENGTH_CAP): budget = floor(16 + 1.5 x source
# tokens), at most max_position_embeddings - 1 new tokens. Beam search gets max_length = budget + 2
# (decoder start + budget tokens + the end token, forced at the last position by forced_eos_token_id).
CAP_BASE, CAP_PER_TOKEN = 16, 1.5


def budget(source_tokens: int, max_positions: int) -> int:
    return max(1, min(max_positions - 1, int(CAP_BASE + CAP_PER_TOKEN * source_tokens)))


class OnnxEncoder(torch.nn.Module):
    def __init__(self, session: ort.InferenceSession) -> None:
        super().__init__()
        self.session = session

    def forward(self, input_ids=None, attention_mask=None, **_: object) -> BaseModelOutput:
        hidden = self.session.run(None, {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy()})[0]
        return BaseModelOutput(last_hidden_state=torch.from_numpy(hidden))


class OnnxMarian(MarianMTModel):
    """MarianMTModel whose forward pass is the ONNX export (its own torch weights are never used)."""

    def attach(self, folder: Path) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        self.onnx_encoder = OnnxEncoder(ort.InferenceSession(str(folder / "onnx" / "encoder_model.onnx"), options))
        self.onnx_decoder = ort.InferenceSession(str(folder / "onnx" / "decoder_model_merged.onnx"), options)

    def get_encoder(self, *_: object, **__: object) -> torch.nn.Module:
        return self.onnx_encoder

    def forward(self, input_ids=None, attention_mask=None, decoder_input_ids=None, encoder_outputs=None, **_: object):
        """Logits of the last position of every row. Stepping: each row's prefix minus its last token
        was a row of the previous call, whose key/value cache is kept here by (source, prefix) content,
        so beam reordering needs no bookkeeping and each step costs one token per row, as in fralign."""
        cfg = self.config
        hidden = encoder_outputs[0].numpy()
        mask = attention_mask.numpy().astype(np.int64)
        ids = decoder_input_ids.numpy().astype(np.int64)
        heads, head_dim = cfg.decoder_attention_heads, cfg.d_model // cfg.decoder_attention_heads
        names = [o.name for o in self.onnx_decoder.get_outputs()]
        length = ids.shape[1]
        if length == 1 or not hasattr(self, "step_cache"):
            self.step_cache: dict = {}
        fresh: dict = {}
        rows = []
        for b in range(ids.shape[0]):
            source = hashlib.sha256(hidden[b].tobytes() + mask[b].tobytes()).hexdigest()
            feeds = {
                "encoder_attention_mask": mask[b : b + 1],
                "encoder_hidden_states": hidden[b : b + 1],
            }
            if length == 1:
                feeds["input_ids"] = ids[b : b + 1]
                feeds["use_cache_branch"] = np.array([False])
                for i in range(cfg.decoder_layers):
                    for part in ("decoder", "encoder"):
                        for kv in ("key", "value"):
                            feeds[f"past_key_values.{i}.{part}.{kv}"] = np.zeros((1, heads, 0, head_dim), np.float32)
            else:
                past = self.step_cache[(source, tuple(ids[b, :-1].tolist()))]
                feeds["input_ids"] = ids[b : b + 1, -1:]
                feeds["use_cache_branch"] = np.array([True])
                feeds.update(past)
            out = dict(zip(names, self.onnx_decoder.run(None, feeds)))
            fresh[(source, tuple(ids[b].tolist()))] = {
                name.replace("present", "past_key_values"): value for name, value in out.items() if name.startswith("present.")
            }
            rows.append(out["logits"][:, -1:])
        # Only the prefixes the next step can extend are kept.
        self.step_cache = fresh
        return Seq2SeqLMOutput(logits=torch.from_numpy(np.concatenate(rows, axis=0)))


def tiny_sentences() -> list[str]:
    pairs = [line.split("\t")[0] for line in (ROOT / "test/fixtures/tiny-pairs.tsv").read_text("utf8").splitlines() if line]
    seen = pairs[:6] + pairs[40:46] + pairs[-4:]
    # Sentences the model never saw decode to varied nonsense: where beams and greedy part ways,
    # and where hypotheses loop into the length cap.
    tails = [" et la France.", ", dit-il.", " mercredi"]
    unseen = [f"{fr.rstrip('.')}{tails[i % 3]}" for i, fr in enumerate(pairs[10:70:5])]
    # Word order reversed: the least familiar inputs, where the model is least sure.
    scrambled = [" ".join(reversed(fr.rstrip(".").split())) + "." for fr in pairs[5:125:10]]
    return seen + unseen + scrambled + ["Oui oui oui oui oui oui oui oui.", "Kiev Kiev Moscou Pyongyang obus obus roquettes."]


def seed_sentences() -> list[str]:
    """Short sentences from the committed seed articles (first lines of each, up to 160 characters)."""
    out: list[str] = []
    for file in sorted((ROOT / "seeds").glob("*.txt")):
        for line in file.read_text("utf8").splitlines():
            line = line.strip()
            if 20 <= len(line) <= 160 and len(out) < 12 and line not in out:
                out.append(line)
    return out


MODELS = {
    "tiny": (ROOT / "test/fixtures/models/tiny-marian", tiny_sentences),
    "diverse": (ROOT / "models/opus-mt-fr-en-diverse", seed_sentences),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--out", type=Path, help="default: test/fixtures/beams/<model>.json")
    parser.add_argument("--beams", default="1,2,4")
    parser.add_argument("--no-variants", action="store_true", help="only the model's own length_penalty / early_stopping")
    parser.add_argument("--sentences", type=int, default=0, help="only the first N sentences (0: all)")
    args = parser.parse_args()
    folder, sentences_of = MODELS[args.model]
    if not (folder / "onnx" / "decoder_model_merged.onnx").exists():
        print(f"{folder}: no model there; see docs/test-models.md for how to generate it", file=sys.stderr)
        return 1
    torch.manual_seed(0)
    config = MarianConfig.from_pretrained(folder)
    model = OnnxMarian(config).eval()
    model.attach(folder)
    generation = GenerationConfig.from_pretrained(folder)
    tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
    sentences = sentences_of()[: args.sentences or None]
    beams = [int(b) for b in args.beams.split(",")]
    # The model's own settings for every N, then length_penalty / early_stopping variants, so the
    # other branches of transformers' beam bookkeeping are pinned down too.
    runs: list[dict] = [{"beams": n} for n in beams]
    if not args.no_variants:
        runs += [{"beams": n, "length_penalty": lp, "early_stopping": es} for n in beams if n > 1 for lp, es in ((0.6, True), (2.0, "never"), (-0.5, False))]

    cases = []
    for fr in sentences:
        source = tokenizer.encode(fr).ids
        max_length = min(generation.max_length, budget(len(source), config.max_position_embeddings) + 2)
        cases.append({"fr": fr, "inputIds": source, "maxLength": max_length})

    def run(rows: list[dict], spec: dict) -> list[dict]:
        n = spec["beams"]
        extra = {k: spec[k] for k in ("length_penalty", "early_stopping") if k in spec}
        width = max(len(r["inputIds"]) for r in rows)
        ids = torch.full((len(rows), width), config.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r["inputIds"])] = torch.tensor(r["inputIds"])
            mask[i, : len(r["inputIds"])] = 1
        with torch.no_grad():
            out = model.generate(
                input_ids=ids,
                attention_mask=mask,
                generation_config=generation,
                num_beams=n,
                max_length=rows[0]["maxLength"],
                use_cache=False,
                **extra,
                return_dict_in_generate=True,
                output_scores=True,
            )
        results = []
        for i in range(len(rows)):
            seq = out.sequences[i].tolist()[1:]  # drop the decoder start token
            eos = config.eos_token_id
            ended = eos in seq
            tokens = seq[: seq.index(eos)] if ended else [t for t in seq if t != config.pad_token_id]
            entry: dict = {"ids": tokens, "eos": ended}
            if n > 1:
                entry["score"] = float(out.sequences_scores[i])
            results.append(entry)
        return results

    groups: dict[int, list[int]] = {}
    for index, case in enumerate(cases):
        groups.setdefault(case["maxLength"], []).append(index)
    for spec in runs:
        spec["outputs"] = [run([case], spec)[0] for case in cases]
        # The same in batches of rows sharing a max_length (generate takes one max_length per call).
        for indices in groups.values():
            for index, got in zip(indices, run([cases[i] for i in indices], spec)):
                if got["ids"] != spec["outputs"][index]["ids"]:
                    print(f"warning: {spec} batched differs from alone for {cases[index]['fr']!r}", file=sys.stderr)
        differ = sum(1 for a, b in zip(spec["outputs"], runs[0]["outputs"]) if a["ids"] != b["ids"])
        print(f"{ {k: v for k, v in spec.items() if k != 'outputs'} }: {differ} of {len(cases)} differ from N={runs[0]['beams']}", file=sys.stderr)

    fixture = {
        "about": "Expected outputs of transformers generate(num_beams=N) on this model's fp32 ONNX files; made by scripts/models/beam_reference.py",
        "model": str(folder.relative_to(ROOT)),
        "weights": "fp32 ONNX (onnx/encoder_model.onnx, onnx/decoder_model_merged.onnx)",
        "lengthCap": {"base": CAP_BASE, "perSourceToken": CAP_PER_TOKEN},
        "generationConfig": {k: getattr(generation, k) for k in ("num_beams", "length_penalty", "early_stopping", "max_length", "bad_words_ids", "forced_eos_token_id", "renormalize_logits")},
        "versions": {"transformers": transformers.__version__, "torch": torch.__version__, "onnxruntime": ort.__version__, "python": platform.python_version()},
        "cases": cases,
        "runs": runs,
    }
    out = args.out or ROOT / "test/fixtures/beams" / f"{args.model}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", "utf8")
    print(f"wrote {out} ({len(cases)} sentences, {len(runs)} runs)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
