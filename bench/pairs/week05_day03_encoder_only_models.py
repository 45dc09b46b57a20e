"""Benchmark pairs for week05/day03_encoder_only_models.

Typical inputs are a batch of 64 Lee sentences (or sentence pairs) in MiniLM's WordPieces, and MiniLM itself:

1. ``bert_pair_inputs`` (after the tokenizer has split the texts into ids, without special tokens) against
   the tokenizer's own pair encoding of the same texts, padded and truncated to 64 tokens (``"longest_first"``).
   The library side tokenises too, so the comparison is ours + a batched ``tokenizer(..., add_special_tokens=False)``
   against one tokenizer call; they agree when input ids, segment ids and attention masks are equal.
2. ``BertInputEmbeddings`` loaded with MiniLM's embedding weights against ``minilm.embeddings`` on the same
   padded pair batch (forward only, no gradients).
3. ``mask_tokens`` against ``DataCollatorForLanguageModeling.torch_mask_tokens`` on 64 x 128 WordPiece ids.
   The draws differ by design, so the two agree when the shares of chosen, [MASK] and unchanged positions
   are within sampling error of each other and the rules hold (specials never chosen, labels -100 elsewhere).
4. ``pool_hidden_states(..., "mean")`` against the ``Pooling`` module of sentence-transformers on MiniLM-sized
   token vectors (64, 128, 384) with padding.
5. ``mlm_collate`` (padding + masking of 64 id lists) against ``DataCollatorForLanguageModeling.__call__``, which
   pads with the tokenizer and masks; agreement as in 3.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair

DAY03 = "week05_transformer_architectures/day03_encoder_only_models"
BATCH, MAX_LENGTH = 64, 64


@functools.lru_cache(maxsize=1)
def _minilm():
    from nlpcourse import pretrained

    return pretrained.minilm()


def _sentence_texts(rng: np.random.Generator, count: int) -> list[str]:
    from nlpcourse.data import lee_sentences

    sentences = lee_sentences("train")
    return [" ".join(sentences[int(index)]) for index in rng.choice(len(sentences), size=count, replace=False)]


# ---------------------------------------------------------------- 1. bert_pair_inputs

def pair_texts(rng: np.random.Generator) -> tuple:
    texts = _sentence_texts(rng, 2 * BATCH)
    return texts[:BATCH], texts[BATCH:]


def ours_pair_inputs(function, first_texts, second_texts):
    tokenizer, _ = _minilm()
    first = tokenizer(first_texts, add_special_tokens=False)["input_ids"]
    second = tokenizer(second_texts, add_special_tokens=False)["input_ids"]
    return function(list(zip(first, second)), tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id,
                    max_length=MAX_LENGTH)


def tokenizer_pair_encoding(first_texts, second_texts):
    tokenizer, _ = _minilm()
    return tokenizer(first_texts, second_texts, padding=True, truncation="longest_first", max_length=MAX_LENGTH,
                     return_tensors="pt")


def same_encoding(ours, library) -> None:
    import torch

    for name in ("input_ids", "token_type_ids", "attention_mask"):
        assert torch.equal(ours[name], library[name]), f"{name} differs"


# ---------------------------------------------------------------- 2. BertInputEmbeddings

def embedding_inputs(rng: np.random.Generator) -> tuple:
    encoded = tokenizer_pair_encoding(*pair_texts(rng))
    return encoded["input_ids"], encoded["token_type_ids"]


def ours_embeddings(module_class, input_ids, token_type_ids):
    import torch

    _, minilm = _minilm()
    config = minilm.config
    key = (id(module_class), "module")
    if key not in _built:
        module = module_class(config.vocab_size, config.hidden_size, config.max_position_embeddings,
                              config.type_vocab_size, config.layer_norm_eps)
        module.load_state_dict(minilm.embeddings.state_dict())
        _built[key] = module.eval()
    with torch.no_grad():
        return _built[key](input_ids, token_type_ids)


_built: dict = {}


def library_embeddings(input_ids, token_type_ids):
    import torch

    _, minilm = _minilm()
    with torch.no_grad():
        return minilm.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)


def close_tensors(ours, library) -> None:
    import torch

    assert ours.shape == library.shape, f"shapes differ: {tuple(ours.shape)} vs {tuple(library.shape)}"
    assert torch.allclose(ours, library, atol=1e-5), f"max difference {(ours - library).abs().max():.2e}"


# ---------------------------------------------------------------- 3. mask_tokens and 5. mlm_collate

def masking_inputs(rng: np.random.Generator) -> tuple:
    tokenizer, _ = _minilm()
    encoded = tokenizer(_sentence_texts(rng, BATCH), padding="max_length", truncation=True, max_length=128,
                        return_tensors="pt", return_special_tokens_mask=True)
    return encoded["input_ids"], encoded["special_tokens_mask"].bool()


def ours_masking(function, input_ids, special):
    tokenizer, _ = _minilm()
    masked, labels = function(input_ids, special, tokenizer.mask_token_id, len(tokenizer), 0.15, seed=0)
    return input_ids, special, masked, labels


@functools.lru_cache(maxsize=1)
def _collator():
    from transformers import DataCollatorForLanguageModeling

    return DataCollatorForLanguageModeling(_minilm()[0], mlm_probability=0.15, seed=0)


def library_masking(input_ids, special):
    masked, labels = _collator().torch_mask_tokens(input_ids.clone(), special_tokens_mask=special.clone())
    return input_ids, special, masked, labels


def _shares(original, special, masked, labels) -> tuple[np.ndarray, int, int]:
    chosen = labels != -100
    assert not (chosen & special).any(), "a special position was chosen"
    assert (labels[chosen] == original[chosen]).all() and (masked[~chosen] == original[~chosen]).all(), "rules broken"
    eligible, n_chosen = int((~special).sum()), int(chosen.sum())
    as_mask = int((masked[chosen] == _minilm()[0].mask_token_id).sum())
    unchanged = int((masked[chosen] == original[chosen]).sum())
    return np.array([n_chosen / eligible, as_mask / n_chosen, unchanged / n_chosen]), eligible, n_chosen


def same_statistics(ours, library) -> None:
    mine, eligible, n_mine = _shares(*ours)
    theirs, _, n_theirs = _shares(*library)
    expected = np.array([0.15, 0.8, 0.1])
    counts = [(eligible, n_mine, n_mine), (eligible, n_theirs, n_theirs)]
    spread = sum(np.sqrt(expected * (1 - expected) / np.array(count)) for count in counts)
    assert np.all(np.abs(mine - theirs) <= 5 * spread), f"shares differ beyond sampling error: {mine} vs {theirs}"


def collate_inputs(rng: np.random.Generator) -> tuple:
    tokenizer, _ = _minilm()
    return (tokenizer(_sentence_texts(rng, BATCH), truncation=True, max_length=128)["input_ids"],)


def ours_collate(function, id_lists):
    import torch

    tokenizer, _ = _minilm()
    batch = function(id_lists, tokenizer.pad_token_id, tokenizer.all_special_ids, tokenizer.mask_token_id, len(tokenizer),
                     0.15, seed=0)
    return _collated(id_lists, batch["input_ids"], batch["labels"], torch)


def library_collate(id_lists):
    import torch

    batch = _collator()([{"input_ids": ids} for ids in id_lists])
    return _collated(id_lists, batch["input_ids"], batch["labels"], torch)


def _collated(id_lists, masked, labels, torch):
    tokenizer, _ = _minilm()
    original = torch.full(masked.shape, tokenizer.pad_token_id, dtype=torch.long)
    for row, ids in enumerate(id_lists):
        original[row, :len(ids)] = torch.tensor(ids)
    special = torch.isin(original, torch.tensor(tokenizer.all_special_ids))
    return original, special, masked, labels


# ---------------------------------------------------------------- 4. pool_hidden_states (mean)

def pooling_inputs(rng: np.random.Generator) -> tuple:
    import torch

    hidden = torch.as_tensor(rng.standard_normal((BATCH, 128, 384)), dtype=torch.float32)
    lengths = rng.integers(1, 129, size=BATCH)
    mask = torch.as_tensor(np.arange(128)[None, :] < lengths[:, None], dtype=torch.long)
    return hidden, mask


def ours_mean(function, hidden, mask):
    return function(hidden, mask, "mean")


@functools.lru_cache(maxsize=1)
def _pooling():
    from sentence_transformers.models import Pooling

    return Pooling(384, pooling_mode="mean")


def library_mean(hidden, mask):
    return _pooling()({"token_embeddings": hidden, "attention_mask": mask})["sentence_embedding"]


PAIRS: list[Pair] = [
    Pair(DAY03, "bert_pair_inputs", "MiniLM tokenizer(first, second, padding, truncation)",
         f"{BATCH} Lee sentence pairs, max_length {MAX_LENGTH} (ours includes tokenising without specials)",
         pair_texts, tokenizer_pair_encoding, call_ours=ours_pair_inputs, agree=same_encoding),
    Pair(DAY03, "BertInputEmbeddings", "minilm.embeddings (BertEmbeddings)",
         f"MiniLM weights, {BATCH} padded pairs of up to {MAX_LENGTH} tokens, forward", embedding_inputs,
         library_embeddings, call_ours=ours_embeddings, agree=close_tensors),
    Pair(DAY03, "mask_tokens", "DataCollatorForLanguageModeling.torch_mask_tokens",
         f"({BATCH}, 128) WordPiece ids, p = 0.15 (statistics compared)", masking_inputs, library_masking,
         call_ours=ours_masking, agree=same_statistics),
    Pair(DAY03, "pool_hidden_states", "sentence_transformers Pooling(mean)",
         f"({BATCH}, 128, 384) float32, random lengths", pooling_inputs, library_mean, call_ours=ours_mean,
         agree=close_tensors),
    Pair(DAY03, "mlm_collate", "DataCollatorForLanguageModeling(features)",
         f"{BATCH} lists of up to 128 WordPiece ids, p = 0.15 (statistics compared)", collate_inputs, library_collate,
         call_ours=ours_collate, agree=same_statistics),
]
