#!/usr/bin/env python3
"""Generate MarianMT ONNX model folders in the transformers.js layout (Xenova/opus-mt-fr-en).

    python3 scripts/models/make_models.py tiny --out test/fixtures/models/tiny-marian
    python3 scripts/models/make_models.py opus-random --out models/opus-mt-fr-en-random

tiny:        small Marian trained until greedy decoding reproduces every pair of
             test/fixtures/tiny-pairs.tsv exactly (checked in PyTorch and in the exported ONNX).
opus-random: opus-mt-fr-en's exact architecture with random weights, for benchmarks.

Offline tooling only: the product and its tests never run Python.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import torch  # noqa: E402
from transformers import MarianMTModel  # noqa: E402

from marian_config import OPUS_MT_FR_EN, MarianShape, config_dict, torch_config, write_configs  # noqa: E402
from onnx_export import export_all  # noqa: E402
from onnx_greedy import OnnxGreedy  # noqa: E402
from spm_tokenizer import build_vocab, load_fast_tokenizer, train_sentencepiece, write_tokenizer  # noqa: E402
from train_tiny import TrainOptions, TrainReport, count_exact, train_until_exact  # noqa: E402

REPO = HERE.parent.parent
INFO_FILE = "fralign_model_info.json"  # provenance; transformers.js ignores unknown files


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            raise SystemExit(f"{path}:{number}: expected 'french<TAB>english', got {line!r}; fix the line")
        pairs.append((fields[0], fields[1]))
    return pairs


def fresh_folder(folder: Path) -> None:
    """Remove only what this script writes, so a stray README or .gitkeep survives."""
    for name in ("onnx", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", INFO_FILE):
        target = folder / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def folder_sizes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}


def encode_pairs(folder: Path, pairs: list[tuple[str, str]]) -> tuple[list[list[int]], list[list[int]]]:
    tokenizer = load_fast_tokenizer(folder)
    sources, targets = [], []
    for fr, en in pairs:
        src, tgt = tokenizer.encode(fr).ids, tokenizer.encode(en).ids
        back = tokenizer.decode(tgt, skip_special_tokens=True)
        if back != en:
            raise SystemExit(f"tokenizer does not round-trip {en!r} (decodes to {back!r}); rephrase that pair")
        sources.append(src)
        targets.append(tgt)
    return sources, targets


def make_tiny(args: argparse.Namespace) -> dict:
    out: Path = args.out
    pairs = read_pairs(args.pairs)
    fresh_folder(out)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(args.threads)
    proto = train_sentencepiece([text for pair in pairs for text in pair], args.vocab)
    vocab = build_vocab(proto, target_size=None)
    shape = MarianShape(
        d_model=args.d_model,
        layers=args.layers,
        heads=args.heads,
        ffn_dim=args.ffn,
        vocab_size=vocab.size,
        max_position_embeddings=args.max_positions,
        dropout=0.0,  # memorisation, not generalisation
    )
    write_tokenizer(out, vocab, model_max_length=shape.max_position_embeddings)
    sources, targets = encode_pairs(out, pairs)
    longest = max(len(s) for s in sources + targets)
    if longest > shape.max_position_embeddings:
        raise SystemExit(f"a pair has {longest} tokens, above max_position_embeddings {shape.max_position_embeddings}")
    model = MarianMTModel(torch_config(shape))
    if args.untrained:
        report = TrainReport(0, 0.0, float("nan"), count_exact(model, sources, targets), len(pairs))
    else:
        report = train_until_exact(
            model, sources, targets, TrainOptions(
                seed=args.seed, max_steps=args.max_steps, learning_rate=args.lr, extra_steps=args.extra_steps
            )
        )
    print(f"trained: {report.steps} steps, {report.seconds:.0f}s, loss {report.final_loss:.5f}, "
          f"exact {report.exact}/{report.total}", flush=True)
    model.eval()
    export_all(model, out, quantized=True)
    write_configs(out, shape, "fralign/tiny-marian")
    config = config_dict(shape, "")
    max_new = max(len(t) for t in targets) + 5
    fp32 = OnnxGreedy(out, config).run(sources, max_new)
    fp32_exact = sum(p == t for p, t in zip(fp32, targets))
    one_by_one = sum(OnnxGreedy(out, config).run([s], max_new)[0] == t for s, t in zip(sources, targets))
    q8 = OnnxGreedy(out, config, quantized=True).run(sources, max_new)
    q8_exact = sum(p == t for p, t in zip(q8, targets))
    torch_exact = count_exact(model, sources, targets)
    info = {
        "kind": "tiny",
        "pairs_file": str(args.pairs.relative_to(REPO)) if args.pairs.is_relative_to(REPO) else str(args.pairs),
        "pairs": len(pairs),
        "seed": args.seed,
        "shape": shape.__dict__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "training_steps": report.steps,
        "first_all_exact_step": report.first_exact_step,
        "training_seconds": round(report.seconds, 1),
        "final_loss": report.final_loss,
        "exact_torch": torch_exact,
        "exact_onnx_fp32_batched": fp32_exact,
        "exact_onnx_fp32_one_by_one": one_by_one,
        "exact_onnx_q8_batched": q8_exact,
        "versions": _versions(),
    }
    print(json.dumps({k: info[k] for k in ("exact_torch", "exact_onnx_fp32_batched", "exact_onnx_fp32_one_by_one",
                                              "exact_onnx_q8_batched", "pairs")}), flush=True)
    info["untrained"] = args.untrained
    if not args.untrained and (torch_exact != len(pairs) or fp32_exact != len(pairs) or one_by_one != len(pairs)):
        raise SystemExit("exported tiny model does not reproduce every pair exactly in fp32; see figures above")
    return info


def make_opus_random(args: argparse.Namespace) -> dict:
    out: Path = args.out
    fresh_folder(out)
    torch.manual_seed(args.seed)
    lines = [
        line.strip()
        for path in sorted(args.seeds.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    proto = train_sentencepiece(lines, vocab_size=8000)
    vocab = build_vocab(proto, target_size=OPUS_MT_FR_EN.vocab_size)
    write_tokenizer(out, vocab, model_max_length=OPUS_MT_FR_EN.max_position_embeddings)
    started = time.perf_counter()
    config = torch_config(OPUS_MT_FR_EN)
    if args.init_std is not None:
        # transformers' init draws every weight from N(0, init_std). At the default 0.02 every
        # sentence decodes to one repeated piece, so batch-independence checks on it cannot fail;
        # a larger spread gives diverse (still meaningless) outputs.
        config.init_std = args.init_std
    model = MarianMTModel(config).eval()
    export_all(model, out, quantized=True)
    write_configs(out, OPUS_MT_FR_EN, "fralign/opus-mt-fr-en-random")
    seconds = time.perf_counter() - started
    # Smoke check: the export runs a padded batch through the merged decoder's both branches.
    tokenizer = load_fast_tokenizer(out)
    sources = [tokenizer.encode(line).ids for line in lines[:2]]
    produced = OnnxGreedy(out, config_dict(OPUS_MT_FR_EN, "")).run(sources, max_new_tokens=args.smoke_tokens)
    return {
        "kind": "opus-random",
        "seed": args.seed,
        "init_std": config.init_std,
        "shape": OPUS_MT_FR_EN.__dict__,
        "trained_pieces": vocab.size - sum(1 for p, s in vocab.pieces if s == -100.0),
        "parameters": sum(p.numel() for p in model.parameters()),
        "export_seconds": round(seconds, 1),
        "smoke_tokens": produced,
        "versions": _versions(),
    }


def _versions() -> dict[str, str]:
    import onnx
    import onnxruntime
    import sentencepiece
    import tokenizers
    import transformers

    return {
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "onnx": onnx.__version__,
        "onnxruntime": onnxruntime.__version__,
        "sentencepiece": sentencepiece.__version__,
        "tokenizers": tokenizers.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="kind", required=True)
    tiny = sub.add_parser("tiny", help="tiny model trained to memorise the pairs file")
    tiny.add_argument("--out", type=Path, default=REPO / "test/fixtures/models/tiny-marian")
    tiny.add_argument("--pairs", type=Path, default=REPO / "test/fixtures/tiny-pairs.tsv")
    tiny.add_argument("--seed", type=int, default=1234)
    tiny.add_argument("--vocab", type=int, default=1000, help="SentencePiece target (soft limit)")
    tiny.add_argument("--d-model", type=int, default=96)
    tiny.add_argument("--layers", type=int, default=2)
    tiny.add_argument("--heads", type=int, default=4)
    tiny.add_argument("--ffn", type=int, default=192)
    tiny.add_argument("--max-positions", type=int, default=256)
    tiny.add_argument("--max-steps", type=int, default=6000)
    tiny.add_argument("--extra-steps", type=int, default=300, help="steps after all pairs are exact")
    tiny.add_argument("--lr", type=float, default=2e-3)
    tiny.add_argument("--untrained", action="store_true", help="skip training (loads, translates garbage)")
    tiny.add_argument("--threads", type=int, default=2, help="torch threads (results depend on it)")
    opus = sub.add_parser("opus-random", help="opus-mt-fr-en architecture, random weights")
    opus.add_argument("--out", type=Path, default=REPO / "models/opus-mt-fr-en-random")
    opus.add_argument("--seeds", type=Path, default=REPO / "seeds")
    opus.add_argument("--seed", type=int, default=1234)
    opus.add_argument("--init-std", type=float, default=None, help="weight init std (default: transformers' 0.02)")
    opus.add_argument("--smoke-tokens", type=int, default=4, help="new tokens decoded per seed line in the smoke check")
    args = parser.parse_args()
    args.out = args.out.resolve()
    info = make_tiny(args) if args.kind == "tiny" else make_opus_random(args)
    info["files"] = folder_sizes(args.out)
    (args.out / INFO_FILE).write_text(json.dumps(info, indent=2) + "\n")
    total = sum(info["files"].values())
    print(f"wrote {args.out} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
