"""Benchmark pairs for week03/day07_beam_search_decoding.

Two pairs:

- ``greedy_search`` driven by the notebook's cached, batched ``seq2seq_next_log_probs`` (one sentence at a
  time) against ``nlpcourse.seq2seq.greedy_decode`` (the whole batch at once), on a briefly trained
  ``Seq2Seq`` and 200 test sentences of the number-words task. Both take the argmax at every step, so the
  outputs must be identical; the ratio measures per-sentence decoding against batched decoding.
- ``beam_search`` driving a one-layer random-weight GPT-2 (built from a config, no download) against
  ``transformers``' ``generate(num_beams=..., length_penalty=...)``. The two algorithms differ for small
  beams (ours is a shrinking beam; transformers keeps ``num_beams`` hypotheses growing), so the pair uses
  the exhaustive case, where both must return every complete hypothesis: a beam of 781 = all sequences of
  at most 4 new tokens over a 6-token vocabulary (eos included). The length penalty is defined the same way
  on both sides: sum of log-probs / (generated tokens, eos included, prompt excluded) ** alpha.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair

DAY07 = "week03_grus_and_language_models/day07_beam_search_decoding"

# --------------------------------------------------------------------------- greedy vs greedy_decode


@functools.lru_cache(maxsize=1)
def _trained_seq2seq():
    """The notebook's small task and a Seq2Seq trained for 2 epochs (a few seconds), fixed by the seed."""
    import torch

    from nlpcourse.seq2seq import Seq2Seq, make_batch, number_words_task, train_seq2seq

    task = number_words_task(train_size=2000, valid_size=200, test_size=200, max_digits=5, seed=0)
    torch.manual_seed(0)
    model = Seq2Seq(len(task.source_vocab), len(task.target_vocab), hidden_size=64)
    train_seq2seq(model, task, epochs=2, learning_rate=5e-3, progress=False)
    batch = make_batch(task.test, task.source_vocab, task.target_vocab)
    sources = [task.source_vocab.encode(source) for source, _ in task.test]
    return model, batch, sources, task.target_vocab.bos_id, task.target_vocab.eos_id


def seq2seq_inputs(rng: np.random.Generator) -> tuple:
    model, batch, sources, bos_id, eos_id = _trained_seq2seq()
    return (model, batch, sources, bos_id, eos_id, 7)  # max_length: 5 digits, eos, one spare step


def library_greedy_decode(model, batch, sources, bos_id, eos_id, max_length):
    from nlpcourse.seq2seq import greedy_decode

    return greedy_decode(model, batch.source, batch.source_lengths, bos_id, eos_id, max_length)


def our_greedy_search(greedy_search, seq2seq_next_log_probs, model, batch, sources, bos_id, eos_id, max_length):
    """greedy_search for each sentence, without the final eos (greedy_decode leaves it out)."""
    outputs = []
    for source_ids in sources:
        tokens, _ = greedy_search(seq2seq_next_log_probs(model, source_ids), bos_id, eos_id, max_length)
        outputs.append(tokens[:-1] if tokens and tokens[-1] == eos_id else tokens)
    return outputs


def same_outputs(ours, library) -> None:
    assert ours == library, f"{sum(a != b for a, b in zip(ours, library))} of {len(ours)} outputs differ"


# --------------------------------------------------------------------------- beam_search vs transformers


@functools.lru_cache(maxsize=1)
def _tiny_gpt2():
    import torch
    import transformers
    from transformers import GPT2Config, GPT2LMHeadModel

    transformers.logging.set_verbosity_error()
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=6, n_positions=16, n_embd=16, n_layer=1, n_head=2, bos_token_id=5,
                        eos_token_id=0, pad_token_id=0, initializer_range=0.5)
    return GPT2LMHeadModel(config).eval()


def gpt2_inputs(rng: np.random.Generator) -> tuple:
    max_length, vocabulary_size = 4, 6
    n_complete = sum((vocabulary_size - 1) ** length for length in range(max_length)) + (vocabulary_size - 1) ** max_length
    return (_tiny_gpt2(), n_complete, max_length, 0.7)  # 781 beams: every complete hypothesis


def transformers_beam_search(model, beam_size, max_length, alpha):
    import torch

    output = model.generate(torch.tensor([[5]]), num_beams=beam_size, num_return_sequences=beam_size,
                            max_new_tokens=max_length, length_penalty=alpha, early_stopping="never",
                            do_sample=False, output_scores=True, return_dict_in_generate=True)
    n_best = []
    for sequence, score in zip(output.sequences[:, 1:].tolist(), output.sequences_scores.tolist()):
        end = sequence.index(0) + 1 if 0 in sequence else len(sequence)  # cut the padding after eos
        n_best.append((sequence[:end], score))
    return n_best


def our_beam_search(beam_search, model, beam_size, max_length, alpha):
    import torch

    def next_log_probs(prefixes):
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([list(prefix) for prefix in prefixes])).logits[:, -1]
        return [dict(enumerate(row)) for row in torch.log_softmax(logits, dim=-1).tolist()]

    return beam_search(next_log_probs, beam_size, 5, 0, max_length, alpha)


def same_n_best(ours, library) -> None:
    assert [tokens for tokens, _ in ours] == [tokens for tokens, _ in library], "the n-best lists differ"
    gap = max(abs(a - b) for (_, a), (_, b) in zip(ours, library))
    assert gap < 1e-4, f"scores differ by up to {gap}"


PAIRS: list[Pair] = [
    Pair(DAY07, "greedy_search", "nlpcourse.seq2seq.greedy_decode (batched)",
         "200 number-words sentences, Seq2Seq hidden 64", seq2seq_inputs, library_greedy_decode,
         call_ours=our_greedy_search, agree=same_outputs, also_uses=("seq2seq_next_log_probs",)),
    Pair(DAY07, "beam_search", "transformers generate(num_beams, length_penalty)",
         "tiny GPT-2, exhaustive beam of 781, alpha 0.7", gpt2_inputs, transformers_beam_search,
         call_ours=our_beam_search, agree=same_n_best),
]
