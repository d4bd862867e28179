"""Build a Marian-style tokenizer (tokenizer.json + tokenizer_config.json) from a SentencePiece
Unigram model trained on local text.

Layout mirrors Xenova/opus-mt-fr-en: one shared vocabulary
    0 = "</s>" (eos), 1 = "<unk>", 2.. = SentencePiece pieces, padding pieces, last = "<pad>"
so pad = decoder_start = vocab_size - 1, as in opus-mt (59513 for a 59514 vocabulary).
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

EOS, UNK, PAD = "</s>", "<unk>", "<pad>"
METASPACE = "\u2581"
# Padding pieces can never match French/English input: "qx" does not occur in either language,
# and their score is far below any trained piece so Viterbi never prefers them.
PADDING_SCORE = -100.0
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


@dataclass(frozen=True)
class MarianVocab:
    pieces: list[tuple[str, float]]  # index = token id
    precompiled_charsmap: bytes

    @property
    def size(self) -> int:
        return len(self.pieces)

    @property
    def pad_id(self) -> int:
        return len(self.pieces) - 1


def train_sentencepiece(lines: list[str], vocab_size: int) -> sentencepiece_model_pb2.ModelProto:
    """Unigram model over `lines`; hard_vocab_limit=False because a few KB of text cannot fill a
    large vocabulary (the rest is padded by `build_vocab`)."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        normalization_rule_name="nmt_nfkc",
        # Keep the trainer's special ids out of the way; build_vocab re-numbers everything.
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        seed_sentencepiece_size=100000,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(buffer.getvalue())
    return proto


def _padding_piece(index: int) -> str:
    word = []
    n = index
    while True:
        word.append(_SYLLABLES[n % len(_SYLLABLES)])
        n //= len(_SYLLABLES)
        if n == 0:
            break
    return METASPACE + "qx" + "".join(word)


def build_vocab(proto: sentencepiece_model_pb2.ModelProto, target_size: int | None) -> MarianVocab:
    """Re-number the trained pieces into the opus-mt layout, padding with never-used pieces up to
    `target_size` (None: no padding beyond the trained pieces)."""
    normal = sentencepiece_model_pb2.ModelProto.SentencePiece.NORMAL
    trained = [(p.piece, p.score) for p in proto.pieces if p.type == normal]
    pieces: list[tuple[str, float]] = [(EOS, 0.0), (UNK, 0.0)] + trained
    needed = (target_size if target_size is not None else len(pieces) + 1) - 1  # minus <pad>
    if needed < len(pieces):
        raise ValueError(f"SentencePiece gave {len(pieces)} pieces, more than the target vocabulary {target_size}")
    seen = {p for p, _ in pieces}
    index = 0
    while len(pieces) < needed:
        candidate = _padding_piece(index)
        index += 1
        if candidate not in seen:
            pieces.append((candidate, PADDING_SCORE))
            seen.add(candidate)
    pieces.append((PAD, 0.0))
    return MarianVocab(pieces=pieces, precompiled_charsmap=proto.normalizer_spec.precompiled_charsmap)


def _metaspace() -> dict:
    # transformers.js reads `prepend_scheme` (newer) or `add_prefix_space` (older): write both.
    return {
        "type": "Metaspace",
        "replacement": METASPACE,
        "add_prefix_space": True,
        "prepend_scheme": "always",
        "split": True,
    }


def tokenizer_json(vocab: MarianVocab) -> dict:
    special = {EOS: 0, UNK: 1, PAD: vocab.pad_id}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": token_id,
                "content": content,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for content, token_id in special.items()
        ],
        "normalizer": {
            "type": "Precompiled",
            "precompiled_charsmap": base64.b64encode(vocab.precompiled_charsmap).decode("ascii"),
        },
        "pre_tokenizer": _metaspace(),
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": EOS, "type_id": 0}}],
            "pair": [
                {"Sequence": {"id": "A", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 0}},
                {"SpecialToken": {"id": EOS, "type_id": 0}},
            ],
            "special_tokens": {EOS: {"id": EOS, "ids": [0], "tokens": [EOS]}},
        },
        "decoder": _metaspace(),
        "model": {
            "type": "Unigram",
            "unk_id": 1,
            "vocab": [[piece, score] for piece, score in vocab.pieces],
            "byte_fallback": False,
        },
    }


def tokenizer_config_json(model_max_length: int) -> dict:
    return {
        "tokenizer_class": "MarianTokenizer",
        "source_lang": "fr",
        "target_lang": "en",
        "eos_token": EOS,
        "unk_token": UNK,
        "pad_token": PAD,
        "model_max_length": model_max_length,
        "separate_vocabs": False,
        "sp_model_kwargs": {},
    }


def write_tokenizer(folder: Path, vocab: MarianVocab, model_max_length: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer_json(vocab), ensure_ascii=False), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(
        json.dumps(tokenizer_config_json(model_max_length), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def load_fast_tokenizer(folder: Path):
    """The `tokenizers` view of what we wrote, used to encode training data and check round trips."""
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(folder / "tokenizer.json"))
