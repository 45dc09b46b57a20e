"""A multi-turn number-guessing game for hierarchical RL, and the two small policies that play it
(week 7, day 4).

The game: a secret number in ``0 .. n_numbers - 1``. Each turn the agent *says* a guess as
``digits`` digit tokens (most significant first, "07" for 7), and the game answers with one reply
token: ``higher`` (the secret is above the number said), ``lower``, ``correct``, or ``invalid``
(the digits spell a number outside the range). A turn costs ``step_cost``; finding the secret
also earns ``win_reward``. The episode ends on ``correct`` or after ``max_turns`` turns, so in a
batch of games the episodes end at different turns.

- :class:`GuessingGame`: a batch of games played in step (torch tensors, no Python loop over the
  batch). The game reads the digits the agent actually said, not what it meant to say.
- :class:`HighLevelPolicy`: the manager, an actor-critic MLP. From the dialogue state (the
  interval of numbers the replies still allow, and the turn) it picks the sub-goal: the number to
  probe next. :class:`BinarySearchPolicy` (the midpoint, the optimum) and
  :class:`UniformRandomPolicy` (any number) are baselines with the same interface.
- :class:`Speaker`: the worker, a tiny causal language model over the ten digit tokens. Given the
  sub-goal and the previous token it predicts the next digit. :func:`pretrained_speaker` pre-trains
  it once per process (cached) by supervised learning on a noisy corpus of spelled numbers (a
  fixed share of the ones digits are wrong), so it starts out saying the intended number only
  about two times in three when it samples: the imperfect "LLM" that RL then sharpens.
- :func:`play`: one batch of episodes with a manager and a speaker, returned as a :class:`Rollout`
  holding the turn-level record (state features, sub-goals, spoken tokens, replies, masks) and
  the token-level transcript (the speaker's digits and the game's replies, the turn each token
  belongs to, and the extrinsic reward on each reply token).
- :func:`evaluate`: success rate, mean turns and speaker accuracy over fresh episodes.

What it does not do: compute returns, advantages, losses or intrinsic rewards (the notebook's
exercises do), or train anything except the speaker's supervised pre-training. It never
downloads anything.
"""

from __future__ import annotations

import copy
import dataclasses
import functools

import torch
from torch import nn

N_NUMBERS = 32
MAX_TURNS = 8
DIGITS = 2
STEP_COST = 0.05
WIN_REWARD = 1.0
REPLIES = ("higher", "lower", "correct", "invalid")
HIGHER, LOWER, CORRECT, INVALID = range(4)
BOS = 10  # the speaker's start token (digits are tokens 0-9)


def spell(number: int, digits: int = DIGITS) -> list:
    """The digit tokens of ``number``, most significant first: spell(7) == [0, 7]."""
    number = int(number)
    if number < 0 or number >= 10 ** digits:
        raise ValueError(f"{number} does not fit in {digits} digits")
    return [int(d) for d in str(number).zfill(digits)]


def read_number(tokens) -> torch.Tensor:
    """The number that digit tokens spell: tokens (..., digits) -> (...) long."""
    tokens = torch.as_tensor(tokens).long()
    powers = 10 ** torch.arange(tokens.shape[-1] - 1, -1, -1)
    return (tokens * powers).sum(-1)


class GuessingGame:
    """A batch of games, one secret per row, played turn by turn.

    ``low`` and ``high`` are the smallest and largest numbers the replies so far allow (inclusive);
    ``turn`` counts the turns played; ``finished`` marks the rows whose episode is over. A finished
    row ignores later steps: reply -1, reward 0, done False.
    """

    def __init__(self, secrets, n_numbers: int = N_NUMBERS, max_turns: int = MAX_TURNS,
                 step_cost: float = STEP_COST, win_reward: float = WIN_REWARD):
        self.secrets = torch.as_tensor(secrets).long().reshape(-1)
        if ((self.secrets < 0) | (self.secrets >= n_numbers)).any():
            raise ValueError(f"secrets must lie in 0 .. {n_numbers - 1}")
        self.n_numbers, self.max_turns = n_numbers, max_turns
        self.step_cost, self.win_reward = step_cost, win_reward
        batch = len(self.secrets)
        self.low = torch.zeros(batch, dtype=torch.long)
        self.high = torch.full((batch,), n_numbers - 1, dtype=torch.long)
        self.turn = torch.zeros(batch, dtype=torch.long)
        self.finished = torch.zeros(batch, dtype=torch.bool)

    def features(self) -> torch.Tensor:
        """The dialogue state as the manager sees it: one-hot low, one-hot high, turn / max_turns.
        Shape (batch, 2 * n_numbers + 1), float32."""
        eye = torch.eye(self.n_numbers)
        return torch.cat([eye[self.low], eye[self.high], (self.turn.float() / self.max_turns)[:, None]], dim=1)

    def step(self, spoken) -> tuple:
        """Answer the numbers said, (batch,) long: (replies (batch,) long, rewards (batch,) float32,
        dones (batch,) bool). Invalid numbers cost a turn and teach nothing."""
        spoken = torch.as_tensor(spoken).long().reshape(-1)
        active = ~self.finished
        valid = (spoken >= 0) & (spoken < self.n_numbers)
        replies = torch.full_like(spoken, INVALID)
        replies[valid & (spoken < self.secrets)] = HIGHER
        replies[valid & (spoken > self.secrets)] = LOWER
        replies[valid & (spoken == self.secrets)] = CORRECT
        found = active & (replies == CORRECT)
        self.low = torch.where(active & (replies == HIGHER), torch.maximum(self.low, spoken + 1), self.low)
        self.high = torch.where(active & (replies == LOWER), torch.minimum(self.high, spoken - 1), self.high)
        self.turn = self.turn + active.long()
        rewards = torch.where(active, -self.step_cost + self.win_reward * found.float(), torch.zeros(()))
        dones = active & (found | (self.turn >= self.max_turns))
        self.finished = self.finished | dones
        return torch.where(active, replies, torch.full_like(replies, -1)), rewards.float(), dones


class HighLevelPolicy(nn.Module):
    """The manager: features (batch, 2N + 1) -> (sub-goal logits (batch, N), state values (batch,))."""

    def __init__(self, n_numbers: int = N_NUMBERS, hidden: int = 128, seed: int = 0):
        super().__init__()
        torch.manual_seed(seed)
        inputs = 2 * n_numbers + 1
        self.actor = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, n_numbers))
        self.critic = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, 1))
        with torch.no_grad():
            self.actor[-1].weight.mul_(0.01)  # start close to uniform
            self.actor[-1].bias.zero_()

    def forward(self, features):
        return self.actor(features), self.critic(features).squeeze(-1)


def _interval(features: torch.Tensor, n_numbers: int) -> tuple:
    return features[:, :n_numbers].argmax(-1), features[:, n_numbers:2 * n_numbers].argmax(-1)


class BinarySearchPolicy(nn.Module):
    """The optimum: probe (low + high) // 2. Logits 0 there and -1e4 elsewhere; values 0."""

    def __init__(self, n_numbers: int = N_NUMBERS):
        super().__init__()
        self.n_numbers = n_numbers

    def forward(self, features):
        low, high = _interval(features, self.n_numbers)
        logits = torch.full((len(features), self.n_numbers), -1e4)
        logits[torch.arange(len(features)), (low + high) // 2] = 0.0
        return logits, torch.zeros(len(features))


class UniformRandomPolicy(nn.Module):
    """Any number with equal probability, whatever the replies said. Values 0."""

    def __init__(self, n_numbers: int = N_NUMBERS):
        super().__init__()
        self.n_numbers = n_numbers

    def forward(self, features):
        return torch.zeros(len(features), self.n_numbers), torch.zeros(len(features))


class Speaker(nn.Module):
    """The worker, a tiny causal LM over digit tokens: p(token_k | sub-goal, token_{k-1}, k)."""

    def __init__(self, n_numbers: int = N_NUMBERS, digits: int = DIGITS, hidden: int = 48, seed: int = 0):
        super().__init__()
        torch.manual_seed(seed)
        self.n_numbers, self.digits = n_numbers, digits
        self.subgoal_embedding = nn.Embedding(n_numbers, hidden)
        self.token_embedding = nn.Embedding(11, hidden)  # digits 0-9 and BOS
        self.position_embedding = nn.Embedding(digits, hidden)
        self.head = nn.Sequential(nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 10))

    def forward(self, subgoals, tokens):
        """Teacher-forced logits: subgoals (batch,), tokens (batch, digits) -> (batch, digits, 10)."""
        subgoals, tokens = torch.as_tensor(subgoals).long(), torch.as_tensor(tokens).long()
        previous = torch.cat([torch.full_like(tokens[:, :1], BOS), tokens[:, :-1]], dim=1)  # (batch, digits)
        hidden = (self.subgoal_embedding(subgoals)[:, None] + self.token_embedding(previous)
                  + self.position_embedding(torch.arange(tokens.shape[1]))[None])
        return self.head(hidden)

    @torch.no_grad()
    def speak(self, subgoals, generator: torch.Generator | None = None, greedy: bool = False) -> torch.Tensor:
        """Digit tokens (batch, digits) for the sub-goals, one token at a time (sampled or greedy)."""
        subgoals = torch.as_tensor(subgoals).long()
        tokens = torch.zeros(len(subgoals), self.digits, dtype=torch.long)
        for k in range(self.digits):
            logits = self.forward(subgoals, tokens)[:, k]  # token k depends on tokens < k only
            if greedy:
                tokens[:, k] = logits.argmax(-1)
            else:
                tokens[:, k] = torch.multinomial(torch.softmax(logits, -1), 1, generator=generator).squeeze(-1)
        return tokens


class ExactSpeaker(Speaker):
    """A speaker that always says the sub-goal (for the baselines)."""

    def forward(self, subgoals, tokens):
        subgoals = torch.as_tensor(subgoals).long()
        powers = 10 ** torch.arange(self.digits - 1, -1, -1)
        wanted = (subgoals[:, None] // powers) % 10  # (batch, digits)
        return torch.where(torch.nn.functional.one_hot(wanted, 10).bool(), 0.0, -1e4)


# The speaker's pre-training recipe: a corpus of spelled numbers in which this share of the ones
# digits were written wrong (a uniformly random digit instead).
PRETRAINING = {"noise": 0.4, "steps": 300, "batch_size": 256, "learning_rate": 0.01, "seed": 0}


@functools.lru_cache(maxsize=4)
def _pretrained_state(n_numbers: int, digits: int) -> dict:
    recipe = PRETRAINING
    generator = torch.Generator().manual_seed(recipe["seed"])
    speaker = Speaker(n_numbers, digits, seed=recipe["seed"])
    optimizer = torch.optim.Adam(speaker.parameters(), lr=recipe["learning_rate"])
    powers = 10 ** torch.arange(digits - 1, -1, -1)
    for _ in range(recipe["steps"]):
        numbers = torch.randint(0, n_numbers, (recipe["batch_size"],), generator=generator)
        tokens = (numbers[:, None] // powers) % 10
        noisy = torch.rand(len(numbers), generator=generator) < recipe["noise"]
        tokens[:, -1] = torch.where(noisy, torch.randint(0, 10, (len(numbers),), generator=generator), tokens[:, -1])
        logits = speaker(numbers, tokens)
        loss = nn.functional.cross_entropy(logits.reshape(-1, 10), tokens.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return {key: value.detach().clone() for key, value in speaker.state_dict().items()}


def pretrained_speaker(n_numbers: int = N_NUMBERS, digits: int = DIGITS) -> Speaker:
    """A fresh copy of the speaker pre-trained on the noisy corpus (trained once per process, < 1 s)."""
    speaker = Speaker(n_numbers, digits)
    speaker.load_state_dict(copy.deepcopy(_pretrained_state(n_numbers, digits)))
    return speaker


@dataclasses.dataclass
class Rollout:
    """One batch of episodes. B rows, T = max_turns turns, K = digits, L = T * (K + 1) tokens."""

    secrets: torch.Tensor  # (B,) long
    features: torch.Tensor  # (B, T, 2N + 1) float32: the manager's input at each turn
    subgoals: torch.Tensor  # (B, T) long: the number the manager chose
    tokens: torch.Tensor  # (B, T, K) long: the digits the speaker said
    spoken: torch.Tensor  # (B, T) long: the number the game read from them
    replies: torch.Tensor  # (B, T) long: the reply ids, -1 after the episode ended
    turn_mask: torch.Tensor  # (B, T) bool: the turns that were played
    dones: torch.Tensor  # (B, T) bool: True at the last turn of each episode
    transcript: torch.Tensor  # (B, L) long: digits 0-9 and replies 10 + reply id; -1 after the end
    token_turn: torch.Tensor  # (B, L) long: the turn each transcript token belongs to; -1 after the end
    token_rewards: torch.Tensor  # (B, L) float32: the game's reward, on each reply token

    @property
    def turns(self) -> torch.Tensor:
        """Turns played per episode, (B,) long."""
        return self.turn_mask.sum(1)

    @property
    def success(self) -> torch.Tensor:
        """Whether each episode found the secret, (B,) bool."""
        return (self.replies == CORRECT).any(1)


@torch.no_grad()
def play(manager: nn.Module, speaker: Speaker, secrets, generator: torch.Generator | None = None,
         greedy: bool = False, n_numbers: int = N_NUMBERS, max_turns: int = MAX_TURNS) -> Rollout:
    """Play one episode per secret: each turn the manager picks a sub-goal from the dialogue state,
    the speaker says it as digit tokens, the game answers what was said. ``greedy`` makes both
    levels take their most likely choice; otherwise both sample (from ``generator``)."""
    game = GuessingGame(secrets, n_numbers=n_numbers, max_turns=max_turns)
    batch, digits = len(game.secrets), speaker.digits
    record = {name: [] for name in ("features", "subgoals", "tokens", "spoken", "replies", "mask", "dones", "rewards")}
    for _ in range(max_turns):
        features = game.features()
        logits, _ = manager(features)
        if greedy:
            subgoals = logits.argmax(-1)
        else:
            subgoals = torch.multinomial(torch.softmax(logits, -1), 1, generator=generator).squeeze(-1)
        tokens = speaker.speak(subgoals, generator=generator, greedy=greedy)
        spoken = read_number(tokens)
        mask = ~game.finished
        replies, rewards, dones = game.step(spoken)
        for name, value in zip(record, (features, subgoals, tokens, spoken, replies, mask, dones, rewards)):
            record[name].append(value)
    stacked = {name: torch.stack(values, dim=1) for name, values in record.items()}
    mask = stacked["mask"]
    # The transcript: per turn, K digit tokens then one reply token (10 + reply id).
    per_turn = torch.cat([stacked["tokens"], 10 + stacked["replies"].clamp_min(0)[..., None]], dim=2)  # (B, T, K+1)
    turn_index = torch.arange(max_turns)[None, :, None].expand(batch, max_turns, digits + 1)
    rewards = torch.zeros(batch, max_turns, digits + 1)
    rewards[..., -1] = stacked["rewards"]
    played = mask[..., None].expand_as(per_turn)
    return Rollout(
        secrets=game.secrets, features=stacked["features"], subgoals=stacked["subgoals"], tokens=stacked["tokens"],
        spoken=stacked["spoken"], replies=stacked["replies"], turn_mask=mask, dones=stacked["dones"],
        transcript=torch.where(played, per_turn, -1).reshape(batch, -1),
        token_turn=torch.where(played, turn_index, -1).reshape(batch, -1),
        token_rewards=(rewards * played).reshape(batch, -1))


def evaluate(manager: nn.Module, speaker: Speaker, repeats: int = 8, greedy: bool = False, seed: int = 1234,
             n_numbers: int = N_NUMBERS, max_turns: int = MAX_TURNS) -> dict:
    """Fresh episodes, every secret ``repeats`` times (from a fixed seed): success rate, mean turns,
    mean return (undiscounted), and the speaker's accuracy (share of turns that said the sub-goal)."""
    generator = torch.Generator().manual_seed(seed)
    secrets = torch.arange(n_numbers).repeat(repeats)
    rollout = play(manager, speaker, secrets, generator=generator, greedy=greedy, n_numbers=n_numbers,
                   max_turns=max_turns)
    said_it = (rollout.spoken == rollout.subgoals) & rollout.turn_mask
    return {"success": float(rollout.success.float().mean()), "turns": float(rollout.turns.float().mean()),
            "return": float(rollout.token_rewards.sum(1).mean()),
            "speaker_accuracy": float(said_it.sum() / rollout.turn_mask.sum())}


def transcript_text(rollout: Rollout, row: int) -> str:
    """One episode as text: 'says 15 -> lower | says 07 -> higher | ...'."""
    parts = []
    for turn in range(int(rollout.turn_mask[row].sum())):
        said = "".join(str(int(t)) for t in rollout.tokens[row, turn])
        parts.append(f"says {said} -> {REPLIES[int(rollout.replies[row, turn])]}")
    return " | ".join(parts)


def binary_search_turns(secret: int, n_numbers: int = N_NUMBERS) -> int:
    """Turns the midpoint rule (low + high) // 2 needs to find ``secret``."""
    low, high, turns = 0, n_numbers - 1, 0
    while True:
        turns += 1
        probe = (low + high) // 2
        if probe == secret:
            return turns
        low, high = (probe + 1, high) if probe < secret else (low, probe - 1)
