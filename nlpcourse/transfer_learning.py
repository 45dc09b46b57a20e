"""Transfer learning with a real pretrained encoder, MiniLM (week 6, day 3).

- :func:`load_classifier`: MiniLM's pretrained encoder inside the library's
  ``BertForSequenceClassification`` or ``BertForTokenClassification``, with a new head drawn
  from a fixed seed, loaded quietly (no LOAD REPORT, no progress bar on stderr), in eval mode.
- :func:`movie_review_split`: the movie-review sentences split into a training and a test set
  with both classes equally represented in the test set, labels as ints (``neg`` 0, ``pos`` 1).
- :func:`tag_ids`: BIO tags as ids in CoNLL-2003's order (``nlpcourse.data.CONLL_TAGS``).
- :func:`fine_tune`: a plain training loop (AdamW, shuffled mini-batches, a fixed seed) that
  updates whatever parameters still require gradients, or the parameter groups it is given.
- :func:`predict`: the predicted class of each text, in eval mode and without gradients.
- :func:`sentence_features`: frozen sentence vectors for feature extraction, as the package's
  sentence-transformers wrapper computes them.

What it does not do: freeze layers, build heads or align labels (the notebook's exercises), pick
hyper-parameters, or move anything off the CPU.
"""

from __future__ import annotations

import contextlib
import io

from nlpcourse import environment


def load_classifier(kind: str = "sequence", num_labels: int = 2, seed: int = 0, online: bool = False):
    """MiniLM's pretrained encoder with a new classification head (``kind`` is "sequence" or
    "token"), the head's weights drawn with ``torch.manual_seed(seed)``. Returned in eval mode."""
    import torch
    from transformers import BertForSequenceClassification, BertForTokenClassification

    from nlpcourse import pretrained

    classes = {"sequence": BertForSequenceClassification, "token": BertForTokenClassification}
    if kind not in classes:
        raise ValueError(f"kind must be 'sequence' or 'token', not {kind!r}")
    environment.quiet_transformers()
    source = pretrained.MINILM_HUB_NAME if online else str(pretrained.minilm_folder())
    torch.manual_seed(seed)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        model = classes[kind].from_pretrained(source, num_labels=num_labels)
    return model.eval()


def movie_review_split(n_test: int = 80, seed: int = 0, online: bool = False, limit: int | None = None):
    """(train_texts, train_labels, test_texts, test_labels): ``n_test`` sentences (half of each
    class) held out, the rest for training, both in a seeded random order; labels are Python ints."""
    import numpy as np

    from nlpcourse.data import movie_reviews

    data = movie_reviews(online=online, limit=limit)
    labels = np.array([1 if label == "pos" else 0 for label in data.labels])
    rng = np.random.default_rng(seed)
    test = []
    for value in (0, 1):
        where = np.flatnonzero(labels == value)
        if len(where) < n_test // 2 + 1:
            raise ValueError(f"only {len(where)} examples of class {value} for a test set of {n_test}")
        test += list(rng.choice(where, size=n_test // 2, replace=False))
    test = rng.permutation(np.array(test))
    train = rng.permutation(np.setdiff1d(np.arange(len(labels)), test))
    return ([data.texts[i] for i in train], [int(labels[i]) for i in train],
            [data.texts[i] for i in test], [int(labels[i]) for i in test])


def tag_ids(tags: list[str]) -> list[int]:
    """BIO tags as ids in CoNLL-2003's order: ``["O", "B-PER"]`` gives ``[0, 1]``."""
    from nlpcourse.data import CONLL_TAGS

    return [CONLL_TAGS.index(tag) for tag in tags]


def fine_tune(model, tokenizer, texts: list[str], labels: list[int], epochs: int = 2, batch_size: int = 16,
              learning_rate: float = 1e-4, max_length: int = 40, seed: int = 0, parameter_groups=None,
              progress: bool = True, description: str = "fine-tuning") -> list[float]:
    """Train a sequence classifier with AdamW (no weight decay) on shuffled mini-batches.

    Only parameters with ``requires_grad`` are given to the optimiser, unless ``parameter_groups``
    (a list of ``{"params": [...], "lr": ...}``) is given. Returns the loss of every step; the
    model is left in eval mode.
    """
    import numpy as np
    import torch
    from tqdm.auto import tqdm

    if parameter_groups is None:
        parameter_groups = [{"params": [p for p in model.parameters() if p.requires_grad]}]
    optimizer = torch.optim.AdamW(parameter_groups, lr=learning_rate, weight_decay=0.0)
    encoded = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    targets = torch.as_tensor(labels, dtype=torch.long)
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)  # the dropout masks
    steps_per_epoch = -(-len(texts) // batch_size)
    losses = []
    model.train()
    with tqdm(total=epochs * steps_per_epoch, desc=description, disable=not progress, leave=False) as bar:
        for _ in range(epochs):
            order = rng.permutation(len(texts))
            for start in range(0, len(texts), batch_size):
                rows = torch.as_tensor(order[start:start + batch_size])
                longest = int(encoded["attention_mask"][rows].sum(dim=1).max())      # trim shared padding
                batch = {name: tensor[rows, :longest] for name, tensor in encoded.items()}
                loss = model(**batch, labels=targets[rows]).loss
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
                bar.update(1)
    model.eval()
    return losses


def predict(model, tokenizer, texts: list[str], max_length: int = 40, batch_size: int = 64):
    """The argmax class of each text as an int64 NumPy array of shape (len(texts),)."""
    import numpy as np
    import torch

    model.eval()
    predictions = []
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            batch = tokenizer(list(texts[start:start + batch_size]), padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            predictions.append(model(**batch).logits.argmax(dim=-1).numpy())
    return np.concatenate(predictions).astype(np.int64) if predictions else np.zeros(0, dtype=np.int64)


def sentence_features(texts: list[str], online: bool = False):
    """Frozen MiniLM sentence vectors, float32 (len(texts), 384), from the package's
    sentence-transformers wrapper (its own pooling and normalisation)."""
    from nlpcourse import pretrained

    environment.quiet_transformers()
    encoder = pretrained.minilm_sentence_encoder(online=online)
    return encoder.encode(list(texts), batch_size=64, show_progress_bar=False, convert_to_numpy=True)
