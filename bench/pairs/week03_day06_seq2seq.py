"""Benchmark pairs for week03_grus_and_language_models/day06_seq2seq.

The counterparts are PyTorch's cross-entropy and the course's own reference model, nlpcourse.seq2seq, which
the notebook's Encoder and Decoder reproduce weight for weight. The model pairs use a Seq2Seq trained for one
epoch on the notebook's task (a few seconds, done once), so that greedy decoding stops at different lengths.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair

DAY06_SEQ2SEQ = "week03_grus_and_language_models/day06_seq2seq"
MAX_OUTPUT_LENGTH = 14  # as in the notebook
# Parameter names of the notebook's (encoder, decoder) pair -> names in nlpcourse.seq2seq.Seq2Seq.
RENAMED_PREFIXES = {"encoder.embedding.": "source_embedding.", "encoder.rnn.": "encoder.",
                    "decoder.embedding.": "target_embedding.", "decoder.rnn.": "decoder.", "decoder.output.": "output."}


# --------------------------------------------------------------------------- masked loss

def loss_inputs(rng: np.random.Generator) -> tuple:
    """Logits (256, 13, 14) float32 and targets (256, 13) padded with 0 after 1-13 real tokens."""
    import torch

    batch, steps, vocab = 256, 13, 14
    logits = torch.from_numpy(rng.normal(0, 2.0, size=(batch, steps, vocab)).astype(np.float32))
    targets = rng.integers(2, vocab, size=(batch, steps))
    lengths = rng.integers(1, steps + 1, size=batch)
    targets[np.arange(steps)[None, :] >= lengths[:, None]] = 0
    return logits, torch.from_numpy(targets)


def torch_cross_entropy(logits, targets):
    import torch.nn.functional as F

    return float(F.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index=0))


def our_masked_loss(function, logits, targets):
    return float(function(logits, targets, 0))


def close_floats(ours, library) -> None:
    assert abs(ours - library) < 1e-5, f"{ours} != {library}"


# --------------------------------------------------------------------------- encoder-decoder and greedy decoding

@functools.lru_cache(maxsize=1)
def trained_reference_model():
    """nlpcourse.seq2seq.Seq2Seq(hidden 128) after one epoch on the notebook's task, and that task."""
    import torch

    from nlpcourse import seq2seq

    task = seq2seq.number_words_task(4000, 500, 500, max_digits=6, seed=0)
    torch.manual_seed(0)
    model = seq2seq.Seq2Seq(len(task.source_vocab), len(task.target_vocab), embedding_dim=32, hidden_size=128)
    seq2seq.train_seq2seq(model, task, epochs=1, progress=False)
    return model.eval(), task


def model_inputs(rng: np.random.Generator) -> tuple:
    """The trained Seq2Seq and the 500 test numbers of the task as one padded batch."""
    from nlpcourse import seq2seq

    model, task = trained_reference_model()
    batch = seq2seq.make_batch(task.test, task.source_vocab, task.target_vocab)
    return model, batch.source, batch.source_lengths, batch.target_input


_copies: dict = {}


def our_modules(Encoder, Decoder, model):
    """The notebook's Encoder and Decoder holding the weights of ``model`` (built once per model)."""
    import torch

    key = (id(Encoder), id(Decoder), id(model))
    if key not in _copies:
        encoder = Encoder(model.source_embedding.num_embeddings, model.source_embedding.embedding_dim,
                          model.encoder.hidden_size, model.pad_id)
        decoder = Decoder(model.target_embedding.num_embeddings, model.target_embedding.embedding_dim,
                          model.decoder.hidden_size, model.pad_id)
        pair = torch.nn.ModuleDict({"encoder": encoder, "decoder": decoder})
        reference = model.state_dict()
        state = {}
        for name in pair.state_dict():
            prefix = next(p for p in RENAMED_PREFIXES if name.startswith(p))
            state[name] = reference[RENAMED_PREFIXES[prefix] + name[len(prefix):]]
        pair.load_state_dict(state, strict=True)
        _copies[key] = (encoder.eval(), decoder.eval())
    return _copies[key]


def reference_forward(model, source, source_lengths, target_input):
    import torch

    with torch.no_grad():
        return model(source, source_lengths, target_input).numpy()


def our_forward(Encoder, Decoder, model, source, source_lengths, target_input):
    import torch

    encoder, decoder = our_modules(Encoder, Decoder, model)
    with torch.no_grad():
        _, context = encoder(source, source_lengths)
        logits, _ = decoder(target_input, context)
    return logits.numpy()


def close_logits(ours, library) -> None:
    assert ours.shape == library.shape and np.allclose(ours, library, atol=1e-5), "logits differ"


def reference_greedy(model, source, source_lengths, target_input):
    from nlpcourse import seq2seq

    return seq2seq.greedy_decode(model, source, source_lengths, 1, 2, MAX_OUTPUT_LENGTH)


def our_greedy(function, Encoder, Decoder, model, source, source_lengths, target_input):
    encoder, decoder = our_modules(Encoder, Decoder, model)
    sequences, _ = function(encoder, decoder, source, source_lengths, 1, 2, MAX_OUTPUT_LENGTH)
    return sequences


PAIRS: list[Pair] = [
    Pair(DAY06_SEQ2SEQ, "masked_sequence_loss", "torch F.cross_entropy(ignore_index=0)",
         "logits (256, 13, 14), targets padded after 1-13 tokens", loss_inputs, torch_cross_entropy,
         call_ours=our_masked_loss, agree=close_floats),
    Pair(DAY06_SEQ2SEQ, "Encoder", "nlpcourse.seq2seq.Seq2Seq.forward (decoder step by step)",
         "teacher-forced logits, 500 numbers, H = 128", model_inputs, reference_forward,
         call_ours=our_forward, agree=close_logits, also_uses=("Decoder",)),
    Pair(DAY06_SEQ2SEQ, "greedy_decode", "nlpcourse.seq2seq.greedy_decode",
         "500 numbers, H = 128, max 14 tokens", model_inputs, reference_greedy,
         call_ours=our_greedy, also_uses=("Encoder", "Decoder")),
]
