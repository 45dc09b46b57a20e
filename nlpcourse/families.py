"""One classification task solved by the three transformer families (week 5, day 5).

The task: the topic of a short news item (``business``, ``health``, ``politics``, ``sport``,
``tech``), from the course's own ``news_topics`` data set (750 items, 150 per topic), split into
600 training and 150 test items with every topic in the same proportion.

- :func:`topic_split`: the stratified, seeded train/test split; :func:`words`: lower-cased word
  tokens; :class:`TopicVocabulary`: words <-> ids, with ``<pad>``, ``<unk>``, ``<end>`` and one
  label token per topic (``<sport>``, ...) that an encoder-decoder can generate.
- Three small ``transformers`` models of the same width, built from configs with seeded random
  weights (:func:`build`): an encoder-only ``BertForSequenceClassification`` ([CLS] pooling, a
  classifier head), a decoder-only ``GPT2ForSequenceClassification`` (the vector of the last real
  token, a classifier head) and an encoder-decoder ``T5ForConditionalGeneration`` that writes the
  label token.
- :func:`train`, :func:`predict`, :func:`accuracy_interval`, :func:`latency_seconds`: one
  training loop (AdamW, linear decay, gradient clipping), batched prediction (the encoder-decoder
  generates the first output token greedily over its whole vocabulary, so a non-label token counts
  as wrong), the accuracy with a 95% Wilson interval, and the time to classify one text.

What it does not do: count parameters or FLOPs (the notebook's exercises), download anything,
or use pretrained weights. Models stay on the CPU: at this size a GPU does not help.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter

import numpy as np

TOPICS = ("business", "health", "politics", "sport", "tech")
FAMILIES = ("encoder-only", "decoder-only", "encoder-decoder")
SPECIAL_TOKENS = ("<pad>", "<unk>", "<end>")
MAX_WORDS = 40  # longer items are cut (the longest in the data set has about 40 words)


def words(text: str) -> list[str]:
    """Lower-cased words, numbers and single punctuation marks of ``text``."""
    return re.findall(r"[a-z]+|\d+|[^\sa-z\d]", text.lower())


def topic_split(test_per_topic: int = 30, seed: int = 0):
    """(train, test): two ``nlpcourse.data.LabelledTexts`` from the offline ``news_topics`` data,
    ``test_per_topic`` items of each topic in the test split (drawn with ``seed``), the rest in
    the training split; both keep the data set's order."""
    from nlpcourse.data import LabelledTexts, news_topics

    data = news_topics()
    rng = np.random.default_rng(seed)
    test_rows: set[int] = set()
    for topic in TOPICS:
        rows = [index for index, label in enumerate(data.labels) if label == topic]
        if len(rows) <= test_per_topic:
            raise ValueError(f"only {len(rows)} items of {topic!r}: cannot hold out {test_per_topic}")
        test_rows.update(int(row) for row in rng.choice(rows, size=test_per_topic, replace=False))

    def part(rows):
        return LabelledTexts([data.texts[i] for i in rows], [data.labels[i] for i in rows], data.source)

    return (part([i for i in range(len(data)) if i not in test_rows]), part(sorted(test_rows)))


class TopicVocabulary:
    """Word ids: 0 ``<pad>``, 1 ``<unk>``, 2 ``<end>``, then one label token per topic
    (``<business>`` = 3, ... in the order of :data:`TOPICS`), then the words."""

    pad_id, unk_id, end_id = 0, 1, 2

    def __init__(self, word_list):
        self.tokens = list(SPECIAL_TOKENS) + [f"<{topic}>" for topic in TOPICS]
        self.ids = {token: index for index, token in enumerate(self.tokens)}
        for word in word_list:
            if word not in self.ids:
                self.ids[word] = len(self.tokens)
                self.tokens.append(word)
        self.label_ids = [self.ids[f"<{topic}>"] for topic in TOPICS]

    @classmethod
    def from_texts(cls, texts, min_count: int = 2) -> "TopicVocabulary":
        """The words of ``texts`` that occur at least ``min_count`` times, most frequent first."""
        counts = Counter(word for text in texts for word in words(text))
        return cls(sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w)))

    def __len__(self) -> int:
        return len(self.tokens)

    def encode(self, text: str) -> list[int]:
        """The ids of the first :data:`MAX_WORDS` words, then ``<end>``."""
        return [self.ids.get(word, self.unk_id) for word in words(text)[:MAX_WORDS]] + [self.end_id]


def pad(id_lists, pad_id: int = 0):
    """(input_ids, attention_mask): int64 tensors (B, longest), right-padded."""
    import torch

    longest = max(len(ids) for ids in id_lists)
    input_ids = torch.full((len(id_lists), longest), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(id_lists), longest), dtype=torch.long)
    for row, ids in enumerate(id_lists):
        input_ids[row, :len(ids)] = torch.as_tensor(ids, dtype=torch.long)
        attention_mask[row, :len(ids)] = 1
    return input_ids, attention_mask


def config(family: str, vocab_size: int, width: int = 64, layers: int = 2, heads: int = 4, ffn: int = 256,
           dropout: float = 0.1):
    """The ``transformers`` config of one family: the same width, heads and feed-forward size for
    all three; ``layers`` layers for the encoder-only and decoder-only models, and ``layers``
    encoder + ``layers`` decoder layers for the encoder-decoder. Eager attention (the fastest
    for such small tensors on a CPU)."""
    from transformers import BertConfig, GPT2Config, T5Config

    if family == "encoder-only":
        built = BertConfig(vocab_size=vocab_size, hidden_size=width, num_hidden_layers=layers,
                           num_attention_heads=heads, intermediate_size=ffn, max_position_embeddings=MAX_WORDS + 1,
                           type_vocab_size=1, hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout,
                           pad_token_id=TopicVocabulary.pad_id, num_labels=len(TOPICS))
    elif family == "decoder-only":
        built = GPT2Config(vocab_size=vocab_size, n_embd=width, n_layer=layers, n_head=heads, n_inner=ffn,
                           n_positions=MAX_WORDS + 1, resid_pdrop=dropout, embd_pdrop=dropout, attn_pdrop=dropout,
                           pad_token_id=TopicVocabulary.pad_id, bos_token_id=TopicVocabulary.end_id,
                           eos_token_id=TopicVocabulary.end_id, num_labels=len(TOPICS))
    elif family == "encoder-decoder":
        built = T5Config(vocab_size=vocab_size, d_model=width, d_kv=width // heads, d_ff=ffn, num_layers=layers,
                         num_decoder_layers=layers, num_heads=heads, dropout_rate=dropout,
                         pad_token_id=TopicVocabulary.pad_id, eos_token_id=TopicVocabulary.end_id,
                         decoder_start_token_id=TopicVocabulary.pad_id, feed_forward_proj="relu")
    else:
        raise ValueError(f"family must be one of {FAMILIES}, not {family!r}")
    built._attn_implementation = "eager"
    return built


def build(family: str, vocab_size: int, seed: int = 0, **config_arguments):
    """The model of ``family`` (see :func:`config`) with weights drawn under ``torch.manual_seed(seed)``,
    in training mode; the global random state is left as it was."""
    import torch
    from transformers import BertForSequenceClassification, GPT2ForSequenceClassification, T5ForConditionalGeneration

    classes = {"encoder-only": BertForSequenceClassification, "decoder-only": GPT2ForSequenceClassification,
               "encoder-decoder": T5ForConditionalGeneration}
    built_config = config(family, vocab_size, **config_arguments)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = classes[family](built_config)
    return model.train()


def _loss(family, model, vocabulary, input_ids, attention_mask, topic_indices):
    """The mean cross-entropy of a batch: of the class for the classifiers, of the label token
    (followed by ``<end>``) for the encoder-decoder."""
    import torch

    if family == "encoder-decoder":
        label_ids = torch.as_tensor(vocabulary.label_ids)[topic_indices]                  # (B,)
        targets = torch.stack([label_ids, torch.full_like(label_ids, vocabulary.end_id)], dim=1)  # (B, 2)
        return model(input_ids=input_ids, attention_mask=attention_mask, labels=targets).loss
    return model(input_ids=input_ids, attention_mask=attention_mask, labels=topic_indices).loss


def train(family: str, texts, labels, vocabulary: TopicVocabulary, epochs: int = 12, batch_size: int = 32,
          learning_rate: float = 1e-3, seed: int = 0, progress: bool = False, **config_arguments):
    """Train a fresh model of ``family`` on ``texts`` and their topic ``labels``; returns it in eval
    mode. AdamW (weight decay 0.01), a linear decay of the learning rate to 0, gradient norm
    clipped to 1, batches shuffled with ``seed``. ``progress`` shows a tqdm bar over the epochs."""
    import torch

    model = build(family, len(vocabulary), seed=seed, **config_arguments)
    examples = [vocabulary.encode(text) for text in texts]
    targets = torch.as_tensor([TOPICS.index(label) for label in labels])
    adamw = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    steps = epochs * math.ceil(len(examples) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(adamw, lambda step: 1.0 - step / steps)
    rng = np.random.default_rng(seed)
    epoch_range = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        epoch_range = tqdm(epoch_range, desc=family, leave=False)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)  # dropout draws
        for _ in epoch_range:
            model.train()
            shuffled = rng.permutation(len(examples))
            for start in range(0, len(examples), batch_size):
                rows = shuffled[start:start + batch_size]
                input_ids, attention_mask = pad([examples[row] for row in rows], vocabulary.pad_id)
                loss = _loss(family, model, vocabulary, input_ids, attention_mask, targets[rows])
                adamw.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                adamw.step()
                schedule.step()
    return model.eval()


def predict(family: str, model, vocabulary: TopicVocabulary, texts, batch_size: int = 256) -> list[str]:
    """The predicted topic of every text. The encoder-decoder generates one token greedily (an
    argmax over its whole vocabulary): a token that is not a label gives the prediction ``"?"``."""
    import torch

    label_of = {token_id: topic for token_id, topic in zip(vocabulary.label_ids, TOPICS)}
    predictions: list[str] = []
    model.eval()
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            input_ids, attention_mask = pad([vocabulary.encode(text) for text in texts[start:start + batch_size]],
                                            vocabulary.pad_id)
            if family == "encoder-decoder":
                start_ids = torch.full((len(input_ids), 1), model.config.decoder_start_token_id, dtype=torch.long)
                logits = model(input_ids=input_ids, attention_mask=attention_mask,
                               decoder_input_ids=start_ids).logits[:, -1]                 # (B, vocabulary size)
                predictions += [label_of.get(int(token), "?") for token in logits.argmax(dim=-1)]
            else:
                logits = model(input_ids=input_ids, attention_mask=attention_mask).logits  # (B, topics)
                predictions += [TOPICS[int(index)] for index in logits.argmax(dim=-1)]
    return predictions


def accuracy_interval(predictions, labels, z: float = 1.96) -> tuple[float, float, float]:
    """(accuracy, low, high): the share of right predictions and its Wilson score interval
    (95% for ``z = 1.96``), which stays inside [0, 1] for small test sets."""
    if len(predictions) != len(labels) or not labels:
        raise ValueError("need as many predictions as labels, at least one")
    n = len(labels)
    share = sum(p == y for p, y in zip(predictions, labels)) / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return share, max(0.0, centre - half), min(1.0, centre + half)  # clipped: rounding can step past 0 or 1


def latency_seconds(family: str, model, vocabulary: TopicVocabulary, text: str, repeats: int = 5) -> float:
    """Best wall time of classifying one text (batch of one, no gradients) over ``repeats`` runs."""
    from nlpcourse.timing import best_seconds

    return best_seconds(lambda: predict(family, model, vocabulary, [text]), repeats=repeats, warmup=1)


def train_and_measure(family, train_data, test_data, vocabulary, epochs: int = 12, learning_rate: float = 1e-3,
                      seed: int = 0, progress: bool = False, **config_arguments) -> dict:
    """Train one family and measure it: a dict with the model, its predictions on ``test_data``,
    accuracy with its 95% interval, parameter count, training seconds and one-text latency (ms)."""
    started = time.perf_counter()
    model = train(family, train_data.texts, train_data.labels, vocabulary, epochs=epochs,
                  learning_rate=learning_rate, seed=seed, progress=progress, **config_arguments)
    seconds = time.perf_counter() - started
    predictions = predict(family, model, vocabulary, test_data.texts)
    accuracy, low, high = accuracy_interval(predictions, test_data.labels)
    return {"family": family, "model": model, "predictions": predictions, "accuracy": accuracy, "low": low,
            "high": high, "parameters": model.num_parameters(), "train_seconds": seconds,
            "latency_ms": 1000 * latency_seconds(family, model, vocabulary, test_data.texts[0])}
