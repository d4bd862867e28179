"""Python transformers `generate` on opus-mt-fr-en's architecture, for the translation benchmark's
comparison row (bench/translate.ts spawns this; offline tooling, not part of the product).

Random weights (same shape as the ONNX bench model; speed does not depend on the values), the same
sentences (JSON list on stdin), greedy, exactly STEPS new tokens per sentence (min = max new tokens),
batches of BATCH, torch on THREADS threads. Prints one JSON line: {"times": [s, ...], "torch": ver}.

    echo '["Une phrase."]' | python3 scripts/models/bench_transformers.py --tokenizer models/opus-mt-fr-en-random
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402
import transformers  # noqa: E402
from transformers import GenerationConfig, MarianMTModel  # noqa: E402

from marian_config import OPUS_MT_FR_EN, torch_config  # noqa: E402
from spm_tokenizer import load_fast_tokenizer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokenizer", type=Path, required=True, help="model folder with tokenizer.json")
    parser.add_argument("--steps", type=int, default=32)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sentences: list[str] = json.load(sys.stdin)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = MarianMTModel(torch_config(OPUS_MT_FR_EN)).eval()
    # Greedy, no forced end token: only the length decides when a row stops.
    model.generation_config = GenerationConfig(
        num_beams=1, do_sample=False, pad_token_id=OPUS_MT_FR_EN.vocab_size - 1,
        decoder_start_token_id=OPUS_MT_FR_EN.vocab_size - 1, eos_token_id=0,
    )
    tokenizer = load_fast_tokenizer(args.tokenizer)
    pad = OPUS_MT_FR_EN.vocab_size - 1
    encoded = [tokenizer.encode(s).ids for s in sentences]
    # Length-sorted batches, as fralign's stage makes them.
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    batches = []
    for start in range(0, len(order), args.batch):
        rows = [encoded[i] for i in order[start : start + args.batch]]
        width = max(len(r) for r in rows)
        ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows])
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
        batches.append((ids, mask))

    def run() -> None:
        with torch.inference_mode():
            for ids, mask in batches:
                model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=args.steps, min_new_tokens=args.steps)

    run_once = batches[:1]
    with torch.inference_mode():
        for ids, mask in run_once:
            model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=4)
    times = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    print(json.dumps({"times": times, "torch": torch.__version__, "transformers": transformers.__version__}))


if __name__ == "__main__":
    main()
