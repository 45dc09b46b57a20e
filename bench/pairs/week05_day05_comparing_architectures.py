"""Benchmark pairs for week05/day05_comparing_architectures.

Typical inputs are the configs of real models (BERT-base, MiniLM, t5-small, Flan-T5-small, GPT-2 small and
medium) and, for FLOPs, GPT-2 small on 1,024 tokens:

1.-3. ``bert_parameter_count``, ``t5_parameter_count``, ``gpt2_parameter_count`` (formulas) against
   ``num_parameters()`` of the library model built from the same config on the ``meta`` device (shapes only,
   so the library side measures building the model, not allocating memory). They agree when the counts are equal.
4. ``gpt2_forward_flops`` (a formula) against ``torch.utils.flop_counter.FlopCounterMode`` on a forward pass of
   ``GPT2LMHeadModel`` (eager attention, ``meta`` device). They agree when the projection products (addmm + mm)
   and the attention products (bmm) are equal.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY05 = "week05_transformer_architectures/day05_comparing_architectures"

BERT_CONFIGS = [
    {"vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
     "max_position_embeddings": 512, "type_vocab_size": 2, "num_labels": 2},
    {"vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
     "max_position_embeddings": 512, "type_vocab_size": 2, "num_labels": 5},
]
T5_CONFIGS = [
    {"vocab_size": 32128, "d_model": 512, "d_kv": 64, "d_ff": 2048, "num_layers": 6, "num_decoder_layers": 6, "num_heads": 8,
     "relative_attention_num_buckets": 32, "feed_forward_proj": "relu"},
    {"vocab_size": 32128, "d_model": 512, "d_kv": 64, "d_ff": 1024, "num_layers": 8, "num_decoder_layers": 8, "num_heads": 6,
     "relative_attention_num_buckets": 32, "feed_forward_proj": "gated-gelu"},
]
GPT2_CONFIGS = [
    {"vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_inner": None, "n_positions": 1024},
    {"vocab_size": 50257, "n_embd": 1024, "n_layer": 24, "n_head": 16, "n_inner": None, "n_positions": 1024,
     "tie_word_embeddings": False},
]


def _pick(configs):
    def inputs(rng: np.random.Generator) -> tuple:
        return (dict(configs[int(rng.integers(len(configs)))]),)
    return inputs


def _library_count(model_class_name, config_class_name):
    def count(config):
        import torch
        import transformers

        with torch.device("meta"):
            model = getattr(transformers, model_class_name)(getattr(transformers, config_class_name)(**config))
        return int(model.num_parameters())
    return count


def same_number(ours, library) -> None:
    assert int(ours) == int(library), f"{int(ours):,} against {int(library):,}"


def flops_inputs(rng: np.random.Generator) -> tuple:
    return dict(GPT2_CONFIGS[0]), int(rng.choice([256, 1024]))


def library_flops(config, seq_len):
    import torch
    from torch.utils.flop_counter import FlopCounterMode
    from transformers import GPT2Config, GPT2LMHeadModel

    with torch.device("meta"):
        model = GPT2LMHeadModel(GPT2Config(**config, attn_implementation="eager"))
    counter = FlopCounterMode(display=False)
    with counter:
        model(torch.zeros(1, seq_len, dtype=torch.long, device="meta"))
    counts = {str(operation): int(count) for operation, count in counter.get_flop_counts()["Global"].items()}
    return {"projections": counts.get("aten.addmm", 0) + counts.get("aten.mm", 0), "attention": counts.get("aten.bmm", 0)}


def same_flops(ours, library) -> None:
    assert {key: int(value) for key, value in ours.items()} == library, f"{ours} against {library}"


PAIRS: list[Pair] = [
    Pair(DAY05, "bert_parameter_count", "BertForSequenceClassification(config).num_parameters() (meta device)",
         "BERT-base and MiniLM configs", _pick(BERT_CONFIGS),
         _library_count("BertForSequenceClassification", "BertConfig"), agree=same_number),
    Pair(DAY05, "t5_parameter_count", "T5ForConditionalGeneration(config).num_parameters() (meta device)",
         "t5-small and Flan-T5-small (gated) configs", _pick(T5_CONFIGS),
         _library_count("T5ForConditionalGeneration", "T5Config"), agree=same_number),
    Pair(DAY05, "gpt2_parameter_count", "GPT2LMHeadModel(config).num_parameters() (meta device)",
         "GPT-2 small (tied) and medium (untied) configs", _pick(GPT2_CONFIGS),
         _library_count("GPT2LMHeadModel", "GPT2Config"), agree=same_number),
    Pair(DAY05, "gpt2_forward_flops", "torch.utils.flop_counter.FlopCounterMode on GPT2LMHeadModel (eager, meta)",
         "GPT-2 small, 1 x 256 or 1 x 1024 tokens", flops_inputs, library_flops, agree=same_flops),
]
