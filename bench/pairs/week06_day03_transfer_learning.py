"""Benchmark pairs for week06/day03_transfer_learning.

Inputs are real: MiniLM (``nlpcourse.pretrained``) inside the library's classification models, the
200 movie-review sentences and the first 200 NER sentences of the course (``nlpcourse.data``).

1. ``freeze_all_but_top_k`` (k = 2) against counting from the config: the per-layer formula times k plus
   the head, with no ``requires_grad`` flags touched.
2. ``SequenceClassificationHead`` (weights copied with ``load_from``) against the library's own pooler and
   classifier modules of ``BertForSequenceClassification`` on the encoder's states of 200 sentences.
3. ``TokenClassificationHead`` (logits and loss) against ``BertForTokenClassification``'s classifier and
   ``nn.CrossEntropyLoss`` (which ignores -100) on the states of 64 padded NER sentences.
4. ``align_labels`` against a direct loop over the fast tokenizer's ``word_ids()`` in the style of the
   ``transformers`` token-classification guide, on 200 NER sentences.
5. ``collate_token_batch`` against ``DataCollatorForTokenClassification`` on the same 200 sentences.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair, within

DAY03 = "week06_llms_and_finetuning/day03_transfer_learning"


@functools.lru_cache(maxsize=2)
def _model(kind: str):
    from nlpcourse import transfer_learning

    return transfer_learning.load_classifier(kind, num_labels=2 if kind == "sequence" else 9, seed=0)


def freeze_inputs(rng: np.random.Generator) -> tuple:
    return (_model("sequence"), 2)


def count_from_config(model, k):
    c = model.config
    d, ff = c.hidden_size, c.intermediate_size
    layer = 4 * (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d
    return k * layer + (d * d + d) + (d * c.num_labels + c.num_labels)


@functools.lru_cache(maxsize=2)
def _sequence_states():
    import torch

    from nlpcourse import pretrained
    from nlpcourse.data import movie_reviews

    tokenizer, _ = pretrained.minilm()
    batch = tokenizer(movie_reviews().texts, padding=True, truncation=True, max_length=48, return_tensors="pt")
    with torch.no_grad():
        return _model("sequence").bert(**batch).last_hidden_state


def sequence_inputs(rng: np.random.Generator) -> tuple:
    return (_model("sequence"), _sequence_states())


def ours_sequence(head_class, model, states):
    import torch

    head = head_class(model.config.hidden_size, model.config.num_labels).load_from(model).eval()
    with torch.no_grad():
        return head(states).numpy()


def library_sequence(model, states):
    import torch

    model.eval()
    with torch.no_grad():
        return model.classifier(model.dropout(model.bert.pooler(states))).numpy()


def _ner_words_and_labels(count: int = 200):
    from nlpcourse import transfer_learning
    from nlpcourse.data import ner_sentences

    data = ner_sentences(limit=count)
    return data.tokens, [transfer_learning.tag_ids(tags) for tags in data.tags]


def alignment_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import pretrained

    tokenizer, _ = pretrained.minilm()
    words, labels = _ner_words_and_labels()
    return (labels, [tokenizer(w, is_split_into_words=True).word_ids() for w in words])


def ours_alignment(function, labels, word_ids):
    return [function(word_labels, ids) for word_labels, ids in zip(labels, word_ids)]


def guide_alignment(labels, word_ids):
    """The loop of the transformers token-classification guide: first piece labelled, the rest -100."""
    aligned = []
    for word_labels, ids in zip(labels, word_ids):
        previous, row = None, []
        for word_index in ids:
            if word_index is None or word_index == previous:
                row.append(-100)
            else:
                row.append(word_labels[word_index])
            previous = word_index
        aligned.append(row)
    return aligned


def collate_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import pretrained

    tokenizer, _ = pretrained.minilm()
    words, labels = _ner_words_and_labels()
    encodings = [tokenizer(w, is_split_into_words=True) for w in words]
    aligned = guide_alignment(labels, [e.word_ids() for e in encodings])
    return ([e["input_ids"] for e in encodings], aligned, tokenizer.pad_token_id)


def ours_collate(function, ids, labels, pad_id):
    batch = function(ids, labels, pad_id)
    return [batch[key].numpy() for key in ("input_ids", "attention_mask", "labels")]


def library_collate(ids, labels, pad_id):
    from transformers import DataCollatorForTokenClassification

    from nlpcourse import pretrained

    collator = DataCollatorForTokenClassification(pretrained.minilm()[0], return_tensors="pt")
    batch = collator([{"input_ids": i, "labels": l} for i, l in zip(ids, labels)])
    return [batch[key].numpy() for key in ("input_ids", "attention_mask", "labels")]


def token_inputs(rng: np.random.Generator) -> tuple:
    import torch

    ids, labels, pad_id = collate_inputs(rng)
    ids, labels = ids[:64], labels[:64]
    longest = max(len(i) for i in ids)
    input_ids = torch.tensor([i + [pad_id] * (longest - len(i)) for i in ids])
    label_tensor = torch.tensor([l + [-100] * (longest - len(l)) for l in labels])
    with torch.no_grad():
        states = _model("token").bert(input_ids=input_ids, attention_mask=(input_ids != pad_id).long()).last_hidden_state
    return (_model("token"), states, label_tensor)


def ours_token(head_class, model, states, labels):
    import torch

    head = head_class(model.config.hidden_size, model.config.num_labels).load_from(model).eval()
    with torch.no_grad():
        loss, logits = head(states, labels)
    return [float(loss), logits.numpy()]


def library_token(model, states, labels):
    import torch

    model.eval()
    with torch.no_grad():
        logits = model.classifier(model.dropout(states))
        loss = torch.nn.CrossEntropyLoss()(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
    return [float(loss), logits.numpy()]


PAIRS: list[Pair] = [
    Pair(DAY03, "freeze_all_but_top_k", "count from the config (no flags)", "MiniLM sequence classifier, k = 2",
         freeze_inputs, count_from_config),
    Pair(DAY03, "SequenceClassificationHead", "BertForSequenceClassification pooler + classifier",
         "MiniLM states of 200 sentences (<= 48 tokens)", sequence_inputs, library_sequence,
         call_ours=ours_sequence, agree=within(1e-5)),
    Pair(DAY03, "TokenClassificationHead", "BertForTokenClassification classifier + CrossEntropyLoss",
         "MiniLM states of 64 padded NER sentences, labels with -100", token_inputs, library_token,
         call_ours=ours_token, agree=within(1e-5)),
    Pair(DAY03, "align_labels", "word_ids() loop of the transformers guide", "200 NER sentences",
         alignment_inputs, guide_alignment, call_ours=ours_alignment),
    Pair(DAY03, "collate_token_batch", "DataCollatorForTokenClassification", "200 NER sentences",
         collate_inputs, library_collate, call_ours=ours_collate, agree=within(0.0)),
]
