"""Train a tiny Marian model until greedy decoding reproduces every (fr, en) pair exactly.

Memorisation is the point: tests can then assert exact English output for known French input,
which an untrained model cannot give.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import torch
from transformers import MarianMTModel


@dataclass(frozen=True)
class TrainOptions:
    seed: int = 1234
    learning_rate: float = 2e-3
    max_steps: int = 6000  # give up (and fail) after this many optimiser steps
    check_every: int = 100  # steps between full greedy checks
    # Steps to keep training once every pair is exact: widens the argmax margins so the fp32 ONNX
    # runtimes (and, mostly, int8) agree with PyTorch despite rounding differences.
    extra_steps: int = 300
    batch_size: int = 64


@dataclass(frozen=True)
class TrainReport:
    steps: int
    seconds: float
    final_loss: float
    exact: int
    total: int
    first_exact_step: int | None = None


def pad_batch(rows: list[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return ids, mask


@torch.no_grad()
def greedy(model: MarianMTModel, sources: list[list[int]], max_new_tokens: int) -> list[list[int]]:
    """Greedy decoding as transformers.js does it: start from pad, never emit pad (bad_words_ids),
    stop at eos (kept in the result). Recomputes the decoder each step: slow but cache-free."""
    cfg = model.config
    ids, mask = pad_batch(sources, cfg.pad_token_id)
    encoded = model.get_encoder()(input_ids=ids, attention_mask=mask)
    out = torch.full((len(sources), 1), cfg.decoder_start_token_id, dtype=torch.long)
    done = torch.zeros(len(sources), dtype=torch.bool)
    for _ in range(max_new_tokens):
        logits = model(encoder_outputs=encoded, attention_mask=mask, decoder_input_ids=out).logits[:, -1]
        logits[:, cfg.pad_token_id] = float("-inf")
        step = logits.argmax(-1)
        step = torch.where(done, torch.full_like(step, cfg.pad_token_id), step)
        out = torch.cat([out, step[:, None]], dim=1)
        done |= step == cfg.eos_token_id
        if bool(done.all()):
            break
    results = []
    for row in out[:, 1:].tolist():
        results.append(row[: row.index(cfg.eos_token_id) + 1] if cfg.eos_token_id in row else row)
    return results


def count_exact(model: MarianMTModel, sources: list[list[int]], targets: list[list[int]]) -> int:
    model.eval()
    produced = greedy(model, sources, max_new_tokens=max(len(t) for t in targets) + 5)
    return sum(p == t for p, t in zip(produced, targets))


def train_until_exact(
    model: MarianMTModel, sources: list[list[int]], targets: list[list[int]], options: TrainOptions
) -> TrainReport:
    """`sources`/`targets` are token ids ending with eos. Raises if memorisation does not finish."""
    torch.manual_seed(options.seed)
    generator = torch.Generator().manual_seed(options.seed)
    pad = model.config.pad_token_id
    optimiser = torch.optim.AdamW(model.parameters(), lr=options.learning_rate, weight_decay=0.0)
    started = time.perf_counter()
    loss_value = float("nan")
    exact = 0
    first_exact_step: int | None = None
    for step in range(1, options.max_steps + 1):
        model.train()
        order = torch.randperm(len(sources), generator=generator)[: options.batch_size].tolist()
        src_ids, src_mask = pad_batch([sources[i] for i in order], pad)
        labels, label_mask = pad_batch([targets[i] for i in order], pad)
        labels = labels.masked_fill(label_mask == 0, -100)  # loss ignores padding
        loss = model(input_ids=src_ids, attention_mask=src_mask, labels=labels).loss
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        loss_value = float(loss)
        if step % options.check_every == 0:
            exact = count_exact(model, sources, targets)
            elapsed = time.perf_counter() - started
            print(f"step {step}: loss {loss_value:.4f}, exact {exact}/{len(sources)}, {elapsed:.0f}s", flush=True)
            if exact == len(sources) and first_exact_step is None:
                first_exact_step = step
            if exact == len(sources) and step >= first_exact_step + options.extra_steps:
                return TrainReport(step, time.perf_counter() - started, loss_value, exact, len(sources), first_exact_step)
    raise RuntimeError(
        f"tiny model memorised only {exact}/{len(sources)} pairs after {options.max_steps} steps "
        f"(loss {loss_value:.4f}); raise --max-steps or the model size"
    )
