"""Small ``transformers`` models built from a config, with seeded random weights, and the real
checkpoints of the same architectures when a network is there.

No pretrained T5 (nor GPT-2, nor BERT with its masked-LM head, nor Mamba) ships in a pip package,
so a notebook that compares its own code with the library's builds the library's model from a
small config instead: the code paths (shifting, position buckets, masks, attention) are the same
as in the real checkpoint, only the weights are random. Every builder draws its weights from a
private generator seeded with ``seed``: the same arguments give the same weights in every
process, and the caller's global random state is left as it was.

- :func:`from_config`: any ``transformers`` model class and config, seeded, in eval mode;
- :func:`t5_config`, :func:`tiny_t5`: a T5 encoder-decoder (``T5ForConditionalGeneration``)
  with a few layers of width tens, built in milliseconds;
- :func:`t5_small_config`, :func:`t5_small`: the architecture of the real ``t5-small`` (60.5M
  parameters). Offline it comes with random weights and no tokenizer; with ``online=True`` the
  real weights and SentencePiece tokenizer are downloaded from the Hugging Face hub.

What it does not do: download anything unless asked (``online=True``), train, or move models off
the CPU (call ``.to(device)``). Later days add their builders here (BERT, GPT-2, Mamba).
"""

from __future__ import annotations

import functools

from nlpcourse import environment

T5_SMALL_HUB_NAME = "google-t5/t5-small"  # the hub's current name of "t5-small"


def from_config(model_class, config, seed: int = 0):
    """``model_class(config)`` with weights drawn from ``torch.manual_seed(seed)``, in eval mode.

    The global torch random state is restored afterwards, so building a model does not change
    what later random calls of the notebook draw.
    """
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = model_class(config)
    return model.eval()


def t5_config(vocab_size: int = 32, d_model: int = 32, d_kv: int = 8, d_ff: int = 64, num_layers: int = 2,
              num_decoder_layers: int | None = None, num_heads: int = 4,
              relative_attention_num_buckets: int = 32, relative_attention_max_distance: int = 128,
              dropout_rate: float = 0.0, pad_token_id: int = 0, eos_token_id: int = 1,
              decoder_start_token_id: int = 0, feed_forward_proj: str = "relu",
              attn_implementation: str = "eager"):
    """A ``T5Config`` for a small model (defaults: 2 + 2 layers of width 32, 4 heads of size 8).

    Unlike ``T5Config()`` it sets ``decoder_start_token_id`` (T5 starts decoding from the padding
    id, 0), which ``T5ForConditionalGeneration._shift_right`` and ``generate`` need, and it picks
    the ``"eager"`` attention, whose masks are additive float tensors (0 where a query may
    attend, the dtype's minimum where it may not) and which can return attention weights.
    ``num_decoder_layers`` defaults to ``num_layers``.
    """
    from transformers import T5Config

    config = T5Config(vocab_size=vocab_size, d_model=d_model, d_kv=d_kv, d_ff=d_ff, num_layers=num_layers,
                      num_decoder_layers=num_layers if num_decoder_layers is None else num_decoder_layers,
                      num_heads=num_heads, relative_attention_num_buckets=relative_attention_num_buckets,
                      relative_attention_max_distance=relative_attention_max_distance, dropout_rate=dropout_rate,
                      pad_token_id=pad_token_id, eos_token_id=eos_token_id,
                      decoder_start_token_id=decoder_start_token_id, feed_forward_proj=feed_forward_proj)
    config._attn_implementation = attn_implementation
    return config


def tiny_t5(vocab_size: int = 32, d_model: int = 32, d_kv: int = 8, d_ff: int = 64, num_layers: int = 2,
            num_decoder_layers: int | None = None, num_heads: int = 4, relative_attention_num_buckets: int = 32,
            relative_attention_max_distance: int = 128, dropout_rate: float = 0.0, pad_token_id: int = 0,
            eos_token_id: int = 1, decoder_start_token_id: int = 0, feed_forward_proj: str = "relu",
            attn_implementation: str = "eager", seed: int = 0):
    """A small ``T5ForConditionalGeneration`` with seeded random weights, in eval mode (see
    :func:`t5_config` for the arguments). Input and output ids are in ``range(vocab_size)``; the
    encoder and decoder share one embedding table, as in T5."""
    from transformers import T5ForConditionalGeneration

    config = t5_config(vocab_size=vocab_size, d_model=d_model, d_kv=d_kv, d_ff=d_ff, num_layers=num_layers,
                       num_decoder_layers=num_decoder_layers, num_heads=num_heads,
                       relative_attention_num_buckets=relative_attention_num_buckets,
                       relative_attention_max_distance=relative_attention_max_distance,
                       dropout_rate=dropout_rate, pad_token_id=pad_token_id, eos_token_id=eos_token_id,
                       decoder_start_token_id=decoder_start_token_id, feed_forward_proj=feed_forward_proj,
                       attn_implementation=attn_implementation)
    return from_config(T5ForConditionalGeneration, config, seed)


def t5_small_config(attn_implementation: str = "eager"):
    """The config of the released ``t5-small`` checkpoint: vocabulary 32,128, width 512, 6 + 6
    layers, 8 heads of size 64, feed-forward 2048 (ReLU), 32 position buckets up to distance 128,
    dropout 0.1, ids pad 0 = decoder start, eos 1, tied input and output embeddings."""
    return t5_config(vocab_size=32128, d_model=512, d_kv=64, d_ff=2048, num_layers=6, num_heads=8,
                     relative_attention_num_buckets=32, relative_attention_max_distance=128, dropout_rate=0.1,
                     pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, feed_forward_proj="relu",
                     attn_implementation=attn_implementation)


@functools.lru_cache(maxsize=2)
def t5_small(online: bool = False, seed: int = 0):
    """(tokenizer, model) for ``t5-small``, in eval mode on the CPU, loaded once per process.

    ``online=True``: the real pretrained weights and tokenizer from the hub
    (``google-t5/t5-small``). Offline: ``tokenizer`` is ``None`` and the model has t5-small's
    architecture (:func:`t5_small_config`, the same 60,506,624 parameters) with seeded random
    weights: every shape, id and position bucket is the real one, its outputs mean nothing.
    Both use the ``"eager"`` attention, like :func:`tiny_t5`.
    """
    from transformers import AutoTokenizer, T5ForConditionalGeneration
    if not online:
        return None, from_config(T5ForConditionalGeneration, t5_small_config(), seed)
    environment.quiet_transformers()
    tokenizer = AutoTokenizer.from_pretrained(T5_SMALL_HUB_NAME)
    model = T5ForConditionalGeneration.from_pretrained(T5_SMALL_HUB_NAME, attn_implementation="eager")
    return tokenizer, model.eval()
