"""Benchmark pairs for week06/day01_intro_to_llms.

Inputs are the Lee news corpus (the 250 training articles for training, the 50 held-out ones for encoding) and
SmolLM2-135M's config:

1. ``pretokenize`` (GPT-2's regex and the byte table, in Python) against ``pre_tokenizers.ByteLevel(add_prefix_space=False)
   .pre_tokenize_str`` on all 300 articles. They agree when every article gives the same pre-tokens.
2. ``train_bpe`` (1,000 merges, from the pre-token counts) against ``bpe.library_bpe`` (``BpeTrainer`` with the same
   settings, which also pre-tokenizes and counts the raw articles). They agree when the merges are identical.
3. ``bpe_encode_word`` over every pre-token of the 50 held-out articles (ours also calls ``pretokenize``) against
   ``Tokenizer.encode`` of each article, with the same 1,000 merges. They agree when the tokens are identical.
4. ``llama_parameter_count`` (a formula) against ``num_parameters()`` of ``LlamaForCausalLM`` built from the same
   config on the ``meta`` device (shapes only, so the library side measures building the model).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from library_pairs import Pair

DAY01 = "week06_llms_and_finetuning/day01_intro_to_llms"
MERGES = 1000
SMOLLM2_CONFIG = {"vocab_size": 49152, "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
                  "num_attention_heads": 9, "num_key_value_heads": 3, "head_dim": 64, "tie_word_embeddings": True}


def all_articles(rng: np.random.Generator) -> tuple:
    from nlpcourse import bpe

    return (bpe.lee_articles("all"),)


def library_pretokenize(articles):
    from tokenizers import pre_tokenizers

    splitter = pre_tokenizers.ByteLevel(add_prefix_space=False)
    return [[piece for piece, _ in splitter.pre_tokenize_str(article)] for article in articles]


def our_pretokenize(function, articles):
    return [function(article) for article in articles]


def training_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import bpe

    return (bpe.lee_articles("train"),)


def our_training(train_bpe, pretokenize, articles):
    counts = Counter(word for article in articles for word in pretokenize(article))
    return train_bpe(counts, 256 + MERGES)


def library_training(articles):
    from nlpcourse import bpe

    return bpe.merges_of(bpe.library_bpe(articles, 256 + MERGES))


def encoding_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import bpe

    tokenizer = bpe.library_bpe(bpe.lee_articles("train"), 256 + MERGES)
    return bpe.lee_articles("test"), tokenizer, bpe.merges_of(tokenizer)


def our_encoding(bpe_encode_word, pretokenize, articles, tokenizer, merges):
    return [[token for word in pretokenize(article) for token in bpe_encode_word(word, merges)] for article in articles]


def library_encoding(articles, tokenizer, merges):
    return [tokenizer.encode(article).tokens for article in articles]


def smollm2_config(rng: np.random.Generator) -> tuple:
    return (dict(SMOLLM2_CONFIG),)


def library_count(config):
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    with torch.device("meta"):
        return int(LlamaForCausalLM(LlamaConfig(**config)).num_parameters())


def same_number(ours, library) -> None:
    assert int(ours) == int(library), f"{int(ours):,} against {int(library):,}"


PAIRS: list[Pair] = [
    Pair(DAY01, "pretokenize", "tokenizers ByteLevel.pre_tokenize_str", "300 Lee articles", all_articles,
         library_pretokenize, call_ours=our_pretokenize),
    Pair(DAY01, "train_bpe", "tokenizers BpeTrainer (train_from_iterator)", f"250 Lee articles, {MERGES} merges",
         training_inputs, library_training, call_ours=our_training, also_uses=("pretokenize",)),
    Pair(DAY01, "bpe_encode_word", "tokenizers Tokenizer.encode", f"50 held-out Lee articles, {MERGES} merges",
         encoding_inputs, library_encoding, call_ours=our_encoding, also_uses=("pretokenize",)),
    Pair(DAY01, "llama_parameter_count", "LlamaForCausalLM(...).num_parameters() on meta", "SmolLM2-135M config",
         smollm2_config, library_count, agree=same_number),
]
