"""A cooperative speaker-listener referential game for week 7, day 5 (multi-agent RL).

What it provides:

- the world: 16 objects, each a colour and a shape (4 x 4, real words), as attribute indices
  (``attributes()``, shape (16, 2)) and as concatenated one-hot vectors (``features``, shape (n, 8));
- a split of the objects into the targets the agents train on and held-out targets, chosen so that
  every colour and every shape still appears among the training targets (``split_targets``);
- rounds of the game: a target, K candidates (the target at a random place among distractors that
  are distinct objects) and where the target sits (``sample_rounds``);
- the two small agents as torch modules: the ``Speaker`` maps an object to one categorical
  distribution per message position (logits of shape (batch, length, vocab)); the ``Listener``
  embeds a message and the candidates into the same space (the scoring is the student's job);
- ``symbol_counts``: how often each symbol is used at each position for each attribute value,
  the table behind the heatmap of the emergent protocol.

What it does not do: sample messages, compute losses, baselines, the listener's choice
distribution, success rates or topographic similarity. Those are the notebook's exercises, and the
training loop that combines them lives in the notebook.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

COLOURS = ("red", "green", "blue", "yellow")
SHAPES = ("circle", "square", "triangle", "star")
ATTRIBUTE_NAMES = ("colour", "shape")
VALUES = (COLOURS, SHAPES)
NUM_OBJECTS = len(COLOURS) * len(SHAPES)
FEATURE_SIZE = len(COLOURS) + len(SHAPES)


def attributes() -> np.ndarray:
    """Every object as (colour index, shape index), int64 of shape (16, 2); object id = 4 * colour + shape."""
    colour, shape = np.divmod(np.arange(NUM_OBJECTS), len(SHAPES))
    return np.stack([colour, shape], axis=1).astype(np.int64)


def name(object_id: int) -> str:
    """'red circle' for object 0, 'yellow star' for object 15."""
    colour, shape = attributes()[int(object_id)]
    return f"{COLOURS[colour]} {SHAPES[shape]}"


def features(object_ids) -> torch.Tensor:
    """One-hot colour then one-hot shape, float32 of shape (*ids.shape, 8)."""
    ids = torch.as_tensor(np.asarray(object_ids), dtype=torch.long)
    table = torch.as_tensor(attributes())
    colour = nn.functional.one_hot(table[ids, 0], len(COLOURS))
    shape = nn.functional.one_hot(table[ids, 1], len(SHAPES))
    return torch.cat([colour, shape], dim=-1).float()


def split_targets(num_held_out: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """(training target ids, held-out target ids): the held-out objects lie on a diagonal
    (colour c with shape c, then c with c + 1, ...), so each colour and each shape stays in training
    with the other values. ``num_held_out`` between 0 and 8."""
    if not 0 <= num_held_out <= 2 * len(COLOURS):
        raise ValueError(f"hold out between 0 and {2 * len(COLOURS)} objects, not {num_held_out}")
    held = [4 * (k % 4) + (k % 4 + k // 4) % 4 for k in range(num_held_out)]
    train = [i for i in range(NUM_OBJECTS) if i not in held]
    return np.array(train, dtype=np.int64), np.array(sorted(held), dtype=np.int64)


def sample_rounds(target_pool, num_rounds: int, num_candidates: int, generator: torch.Generator):
    """Rounds of the game: (targets (n,), candidates (n, K), target_positions (n,)), all int64 tensors.

    Each target is drawn uniformly from ``target_pool``; its K - 1 distractors are distinct objects,
    all different from the target, drawn from all 16 objects; the target is put at a uniformly random
    position among the K candidates.
    """
    pool = torch.as_tensor(np.asarray(target_pool), dtype=torch.long)
    if len(pool) == 0 or num_rounds < 0 or not 1 <= num_candidates <= NUM_OBJECTS:
        raise ValueError("need a non-empty pool, num_rounds >= 0 and 1 <= num_candidates <= 16")
    targets = pool[torch.randint(len(pool), (num_rounds,), generator=generator)]
    # Random keys: the target gets -1 so it sorts first, the K - 1 smallest others are the distractors.
    keys = torch.rand(num_rounds, NUM_OBJECTS, generator=generator)
    keys[torch.arange(num_rounds), targets] = -1.0
    chosen = keys.argsort(dim=1)[:, :num_candidates]                     # (n, K), target first
    order = torch.rand(num_rounds, num_candidates, generator=generator).argsort(dim=1)
    candidates = torch.gather(chosen, 1, order)                          # shuffled
    target_positions = (candidates == targets[:, None]).long().argmax(dim=1)
    return targets, candidates, target_positions


class Speaker(nn.Module):
    """Object features (batch, 8) -> logits (batch, length, vocab): one categorical per position,
    all positions read the same object (the symbols are drawn independently given the object)."""

    def __init__(self, vocab_size: int = 4, message_length: int = 2, hidden_size: int = 64):
        super().__init__()
        self.vocab_size, self.message_length = vocab_size, message_length
        self.net = nn.Sequential(nn.Linear(FEATURE_SIZE, hidden_size), nn.Tanh(),
                                 nn.Linear(hidden_size, message_length * vocab_size))

    def forward(self, object_features: torch.Tensor) -> torch.Tensor:
        logits = self.net(object_features)
        return logits.reshape(*object_features.shape[:-1], self.message_length, self.vocab_size)


class Listener(nn.Module):
    """Embeds a message (batch, length) of symbols into (batch, dim), as the sum of one learned
    vector per (position, symbol), and candidates' features (batch, K, 8) into (batch, K, dim)."""

    def __init__(self, vocab_size: int = 4, message_length: int = 2, dim: int = 32, hidden_size: int = 64):
        super().__init__()
        self.vocab_size, self.message_length = vocab_size, message_length
        self.symbol_vectors = nn.Embedding(message_length * vocab_size, dim)
        self.message_net = nn.Sequential(nn.Tanh(), nn.Linear(dim, dim))
        self.object_net = nn.Sequential(nn.Linear(FEATURE_SIZE, hidden_size), nn.Tanh(), nn.Linear(hidden_size, dim))

    def forward(self, symbols: torch.Tensor, candidate_features: torch.Tensor):
        positions = torch.arange(symbols.shape[-1]) * self.vocab_size
        message_vectors = self.message_net(self.symbol_vectors(symbols.long() + positions).sum(dim=-2))
        return message_vectors, self.object_net(candidate_features)


def symbol_counts(object_ids, symbols, vocab_size: int) -> np.ndarray:
    """counts[attribute, value, position, symbol]: how many of the messages sent about objects with
    that attribute value carry that symbol at that position. Shape (2, 4, length, vocab), int64."""
    ids = np.asarray(object_ids, dtype=np.int64).reshape(-1)
    sent = np.asarray(symbols, dtype=np.int64).reshape(len(ids), -1)
    table = attributes()[ids]                                              # (n, 2)
    counts = np.zeros((2, 4, sent.shape[1], vocab_size), dtype=np.int64)
    for attribute in range(2):
        for position in range(sent.shape[1]):
            np.add.at(counts[attribute, :, position], (table[:, attribute], sent[:, position]), 1)
    return counts
