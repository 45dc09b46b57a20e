"""Benchmark pairs for week05/day01_what_transformers_do.

Typical inputs, float32 as in the notebook: the layers run one forward pass without gradients on a batch of
4 sequences of 256 tokens of width 128 (section 8 of the notebook, one length); the similarity matrix
compares 1,000 against 1,000 vectors of MiniLM's width 384; the word vector averages the tokens of a
word in a 512-token WordPiece sequence of real text (the Lee corpus, tokenised by MiniLM's own tokenizer;
the hidden states are random, since only their rows are selected). Broadcasting ``F.cosine_similarity`` over
all pairs materialises an (n, m, 384) tensor, so that pair uses 200 against 200 vectors.

``layer_costs`` is a closed formula; its pair checks it against ``FlopCounterMode`` running a 3-layer
``nn.GRU``, and the timing only says how much cheaper the formula is than counting by running.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY01 = "week05_transformer_architectures/day01_what_transformers_do"
BATCH, SEQ_LEN, D_MODEL = 4, 256, 128

_built: dict = {}  # (id of the notebook class, id of the library layer) -> our layer holding the library's weights


# ---------------------------------------------------------------- exercise 1: word_vector

def word_inputs(rng: np.random.Generator) -> tuple:
    """(hidden_states (512, 384), offsets (512, 2), span of a word split into several tokens, the encoding)."""
    import torch
    from transformers import AutoTokenizer

    from nlpcourse.data import lee_corpus
    from nlpcourse.pretrained import minilm_folder

    tokenizer = AutoTokenizer.from_pretrained(str(minilm_folder()))
    text = " ".join(lee_corpus())[:20_000]
    encoding = tokenizer(text, truncation=True, max_length=512, return_offsets_mapping=True, return_tensors="pt")
    offsets = encoding["offset_mapping"][0]  # (512, 2)
    word_ids = encoding.word_ids(0)
    split_words = sorted({w for w in word_ids if w is not None and word_ids.count(w) > 1})
    word = split_words[len(split_words) // 2]
    span = encoding.word_to_chars(0, word)
    hidden_states = torch.from_numpy(rng.normal(size=(len(word_ids), 384)).astype(np.float32))
    return hidden_states, offsets, (span.start, span.end), encoding


def ours_word_vector(word_vector, hidden_states, offsets, span, encoding):
    return word_vector(hidden_states, offsets, span)


def library_char_to_token(hidden_states, offsets, span, encoding):
    """The tokens that hold the word's characters, by the tokenizer's own char_to_token, averaged."""
    tokens = sorted({encoding.char_to_token(0, char) for char in range(*span)} - {None})
    return hidden_states[tokens].mean(dim=0)


# ---------------------------------------------------------------- exercise 2: cosine_similarity_matrix

def vector_sets(rng: np.random.Generator) -> tuple:
    a = rng.normal(size=(1000, 384)).astype(np.float32)
    b = rng.normal(size=(1000, 384)).astype(np.float32)
    a[::100] = 0.0  # some zero vectors: similarity 0 on both sides
    return a, b


def small_vector_sets(rng: np.random.Generator) -> tuple:
    """200 against 200 vectors: broadcasting F.cosine_similarity builds a (n, m, 384) tensor (1.5 GB at n = m = 1,000)."""
    a, b = vector_sets(rng)
    return a[:200].copy(), b[:200].copy()


def sklearn_cosine(a, b):
    from sklearn.metrics.pairwise import cosine_similarity

    return cosine_similarity(a, b)


def torch_cosine_broadcast(a, b):
    import torch
    import torch.nn.functional as F

    return F.cosine_similarity(torch.from_numpy(a)[:, None, :], torch.from_numpy(b)[None, :, :], dim=-1)


# ---------------------------------------------------------------- exercise 3: CausalSelfAttention

def attention_inputs(rng: np.random.Generator) -> tuple:
    """x (4, 256, 128) float32, the causal attn_mask (True = hidden), nn.MultiheadAttention with non-zero biases."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    library = nn.MultiheadAttention(D_MODEL, 1, batch_first=True)
    with torch.no_grad():
        library.in_proj_bias.normal_(0.0, 0.1)
        library.out_proj.bias.normal_(0.0, 0.1)
    x = torch.from_numpy(rng.normal(size=(BATCH, SEQ_LEN, D_MODEL)).astype(np.float32))
    future = torch.ones(SEQ_LEN, SEQ_LEN, dtype=torch.bool).triu(diagonal=1)
    return x, future, library


def ours_attention(CausalSelfAttention, x, future, library):
    import torch

    key = (id(CausalSelfAttention), id(library))
    if key not in _built:
        layer = CausalSelfAttention(D_MODEL)
        layer.load_state_dict(library.state_dict())
        _built[key] = layer
    with torch.no_grad():
        return _built[key](x)


def library_attention(x, future, library):
    import torch

    with torch.no_grad():
        return library(x, x, x, attn_mask=future, need_weights=False)[0]


# ---------------------------------------------------------------- exercise 4: gru_forward

def gru_inputs(rng: np.random.Generator) -> tuple:
    """x (4, 256, 128) float32, h0 (4, 128) and nn.GRU(128, 128, batch_first=True)."""
    import torch
    from torch import nn

    torch.manual_seed(1)
    library = nn.GRU(D_MODEL, D_MODEL, batch_first=True)
    x = torch.from_numpy(rng.normal(size=(BATCH, SEQ_LEN, D_MODEL)).astype(np.float32))
    h0 = torch.from_numpy(rng.normal(size=(BATCH, D_MODEL)).astype(np.float32))
    return x, h0, library


def ours_gru(gru_forward, x, h0, library):
    import torch

    with torch.no_grad():
        weights = [parameter.detach() for parameter in library.parameters()]  # weight_ih, weight_hh, bias_ih, bias_hh
        return gru_forward(x, *weights, h0=h0)


def library_gru(x, h0, library):
    import torch

    with torch.no_grad():
        outputs, h_n = library(x, h0[None])
    return outputs, h_n[0]


# ---------------------------------------------------------------- exercise 5: layer_costs

def costs_inputs(rng: np.random.Generator) -> tuple:
    return "gru", 64, 32, 3  # kind, seq_len, d_model, num_layers


def ours_costs(layer_costs, kind, seq_len, d_model, num_layers):
    return layer_costs(kind, seq_len, d_model, num_layers)["multiply_adds"]


def flop_counter_gru(kind, seq_len, d_model, num_layers):
    """Multiply-adds of a real nn.GRU stack as FlopCounterMode counts them (2 FLOPs each)."""
    import torch
    from torch import nn
    from torch.utils.flop_counter import FlopCounterMode

    gru = nn.GRU(d_model, d_model, num_layers=num_layers, batch_first=True)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        gru(torch.zeros(1, seq_len, d_model))
    return counter.get_total_flops() // 2


PAIRS: list[Pair] = [
    Pair(DAY01, "word_vector", "tokenizer's BatchEncoding.char_to_token + mean",
         "a split word in 512 MiniLM tokens of Lee text, width 384", word_inputs, library_char_to_token,
         call_ours=ours_word_vector, agree=within(1e-6)),
    Pair(DAY01, "cosine_similarity_matrix", "sklearn cosine_similarity", "(1000, 384) x (1000, 384) float32, 10 zero rows",
         vector_sets, sklearn_cosine, agree=within(1e-5)),
    Pair(DAY01, "cosine_similarity_matrix", "F.cosine_similarity, broadcast (n, 1, d) x (1, m, d)",
         "(200, 384) x (200, 384) float32, 2 zero rows", small_vector_sets, torch_cosine_broadcast, agree=within(1e-5)),
    Pair(DAY01, "CausalSelfAttention", "nn.MultiheadAttention(attn_mask=causal, need_weights=False), forward",
         "x (4, 256, 128) float32, 1 head", attention_inputs, library_attention, call_ours=ours_attention,
         agree=within(1e-4)),
    Pair(DAY01, "gru_forward", "nn.GRU(batch_first=True), forward", "x (4, 256, 128) float32 with h0",
         gru_inputs, library_gru, call_ours=ours_gru, agree=within(1e-5)),
    Pair(DAY01, "layer_costs", "FlopCounterMode on nn.GRU(num_layers=3) / 2", "GRU stack, L 64, d 32, 3 layers",
         costs_inputs, flop_counter_gru, call_ours=ours_costs),
]
