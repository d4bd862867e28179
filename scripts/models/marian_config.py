"""config.json / generation_config.json for generated Marian models.

transformers 5.x `save_pretrained` writes only non-default values, and MarianConfig's defaults are
not opus-mt's; transformers.js then misses e.g. `is_encoder_decoder` and fails with
"Missing the following inputs: past_key_values.0.decoder.key". So every field is written here
explicitly, mirroring Helsinki-NLP/opus-mt-fr-en's files with the dimensions scaled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from transformers import MarianConfig


@dataclass(frozen=True)
class MarianShape:
    d_model: int
    layers: int  # encoder and decoder alike
    heads: int
    ffn_dim: int
    vocab_size: int
    max_position_embeddings: int
    dropout: float = 0.1  # only matters when training


# The real opus-mt-fr-en architecture (Xenova/opus-mt-fr-en config.json).
OPUS_MT_FR_EN = MarianShape(
    d_model=512, layers=6, heads=8, ffn_dim=2048, vocab_size=59514, max_position_embeddings=512
)


def config_dict(shape: MarianShape, name_or_path: str) -> dict:
    pad = shape.vocab_size - 1
    return {
        "_name_or_path": name_or_path,
        "architectures": ["MarianMTModel"],
        "model_type": "marian",
        "is_encoder_decoder": True,
        "activation_function": "swish",
        "activation_dropout": 0.0,
        "attention_dropout": 0.0,
        "dropout": shape.dropout,
        "add_bias_logits": False,
        "add_final_layer_norm": False,
        "normalize_before": False,
        "normalize_embedding": False,
        "static_position_embeddings": True,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "tie_word_embeddings": True,
        "d_model": shape.d_model,
        "encoder_layers": shape.layers,
        "decoder_layers": shape.layers,
        "num_hidden_layers": shape.layers,
        "encoder_attention_heads": shape.heads,
        "decoder_attention_heads": shape.heads,
        "encoder_ffn_dim": shape.ffn_dim,
        "decoder_ffn_dim": shape.ffn_dim,
        "encoder_layerdrop": 0.0,
        "decoder_layerdrop": 0.0,
        "classif_dropout": 0.0,
        "classifier_dropout": 0.0,
        "init_std": 0.02,
        "vocab_size": shape.vocab_size,
        "decoder_vocab_size": shape.vocab_size,
        "max_position_embeddings": shape.max_position_embeddings,
        "max_length": shape.max_position_embeddings,
        "num_beams": 4,
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "pad_token_id": pad,
        "decoder_start_token_id": pad,
        "use_cache": True,
        "gradient_checkpointing": False,
    }


def generation_config_dict(shape: MarianShape) -> dict:
    pad = shape.vocab_size - 1
    return {
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "decoder_start_token_id": pad,
        "eos_token_id": 0,
        "forced_eos_token_id": 0,
        "max_length": shape.max_position_embeddings,
        "num_beams": 4,
        "pad_token_id": pad,
        "renormalize_logits": True,
    }


def torch_config(shape: MarianShape, dropout: float | None = None) -> MarianConfig:
    """The PyTorch-side config; eager attention keeps the traced graphs plain MatMul/Softmax."""
    values = config_dict(shape, "generated")
    for key in ("_name_or_path", "architectures", "model_type"):
        values.pop(key)
    if dropout is not None:
        values["dropout"] = dropout
    config = MarianConfig(**values)
    config._attn_implementation = "eager"
    return config


def write_configs(folder: Path, shape: MarianShape, name_or_path: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config_dict(shape, name_or_path), indent=2) + "\n")
    (folder / "generation_config.json").write_text(json.dumps(generation_config_dict(shape), indent=2) + "\n")
