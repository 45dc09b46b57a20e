"""A small non-autoregressive acoustic model (FastSpeech-style) for week 8: phonemes in, log-mel out.

- :data:`PHONEMES`: espeak-ng's ASCII phoneme names for English (index 0 is padding);
- :func:`text_to_phonemes` and :func:`phoneme_ids`: a text as the phoneme names the model knows,
  and those names as ids;
- :class:`AcousticModel`: phoneme embedding, a convolutional encoder, a duration predictor (it
  predicts ``log(1 + frames)``), a length regulator and a convolutional mel decoder;
- :func:`training_examples`, :func:`collate` and :func:`train_acoustic_model`: espeak-ng
  utterances turned into (phoneme ids, frame durations, log-mel) examples and a training loop;
- :func:`pretrained_acoustic_model`: trained once with a fixed seed on espeak-ng's "en-us" voice and
  cached under ``pretrained.cache_root() / "acoustic_model"``;
- :func:`predict_log_mel`: a ``(n_mels, frames)`` log-mel for a phoneme sequence, at any speed.

Every mel setting comes from :data:`nlpcourse.speech_features.MEL`. What it does not do: turn a
mel back into sound (``speech_features.griffin_lim`` or ``nlpcourse.vocoder``).
"""

from __future__ import annotations

import json
import re
import time

import numpy as np
import torch
from torch import nn

from nlpcourse import environment, pretrained, speech, speech_features

MEL = speech_features.MEL
PAUSE = ("_:", "_")  # what espeak-ng says after every clause: a long and a short pause
PHONEMES: tuple[str, ...] = (
    "<pad>", "_", "_:", "_!", "?", ";",
    "@", "@-", "@2", "@L", "3", "3:", "0", "a", "a#", "aa", "aI", "aI3", "aI@", "aU", "A:", "A@",
    "E", "e@", "eI", "i", "i:", "i@", "i@3", "I", "I#", "I2", "O:", "O@", "O2", "OI", "oU", "o@",
    "u:", "U", "U@", "V",
    "b", "d", "D", "dZ", "f", "g", "h", "j", "k", "l", "m", "n", "n-", "N", "p", "r", "r-", "s", "S",
    "t", "t#", "t2", "tS", "T", "v", "w", "z", "Z",
)
_INDEX = {name: position for position, name in enumerate(PHONEMES)}
_STRESS = re.compile(r"[',%=]")
_CLAUSE_END = re.compile(r"[.,;:!?]+")

SETTINGS = {  # the two sizes of pretrained_acoustic_model
    "small": {"sentences": 320, "d_model": 64, "layers": 2, "steps": 300, "batch_size": 16, "lr": 3e-3},
    "full": {"sentences": 1600, "d_model": 192, "layers": 4, "steps": 3000, "batch_size": 32, "lr": 1e-3},
}


def text_to_phonemes(text: str, voice: str = "en-us") -> list[str]:
    """espeak-ng's phoneme names for ``text`` (stress marks removed), each clause followed by the
    pauses espeak-ng speaks after it (``"_:"``, ``"_"``), keeping only names in :data:`PHONEMES`.
    This is the sequence :func:`nlpcourse.speech.synthesise` reports for the same text."""
    names: list[str] = []
    for clause in _CLAUSE_END.split(text):
        if not clause.strip():
            continue
        transcription = speech.phonemes(clause, voice=voice, ipa=False)
        spoken = [_STRESS.sub("", token) for token in transcription.split()]
        spoken = [name for name in spoken if name in _INDEX and name != PHONEMES[0]]
        if spoken:
            names.extend(spoken)
            names.extend(PAUSE)
    return names


def phoneme_ids(phonemes) -> torch.Tensor:
    """``(P,)`` int64 ids of phoneme names (1 .. len(PHONEMES) - 1); an unknown name raises ValueError."""
    unknown = [name for name in phonemes if name not in _INDEX or name == PHONEMES[0]]
    if unknown:
        raise ValueError(f"not in PHONEMES: {sorted(set(unknown))}")
    return torch.tensor([_INDEX[name] for name in phonemes], dtype=torch.int64)


def regulate_lengths(encodings: torch.Tensor, durations: torch.Tensor):
    """Repeat each phoneme's encoding over its frames: ``(B, P, d)``, ``(B, P)`` -> ``(B, T, d)``
    frames and a ``(B, T)`` float position of each frame inside its phoneme (0 at its first frame,
    approaching 1 at its last; 0 on padding) and the ``(B,)`` frame counts.

    Fractional durations are rounded cumulatively (phoneme ``i`` ends at frame
    ``round(d_0 + ... + d_i)``), so the total is the rounded sum of the durations; negative
    durations count as 0. Done by a search over the phoneme end frames, without a Python loop."""
    durations = durations.to(torch.float32).clamp(min=0)
    boundaries = torch.round(torch.cumsum(durations, dim=1)).to(torch.int64)      # (B, P): end frame of each phoneme
    lengths = boundaries[:, -1] if boundaries.shape[1] else torch.zeros(len(durations), dtype=torch.int64, device=durations.device)
    total = max(int(lengths.max()) if len(lengths) else 0, 1)
    frames = torch.arange(total, device=durations.device).expand(len(durations), total).contiguous()   # (B, T)
    owner = torch.searchsorted(boundaries.contiguous(), frames, right=True)       # phoneme index of each frame
    owner = owner.clamp(max=max(encodings.shape[1] - 1, 0))
    starts = torch.cat([torch.zeros_like(boundaries[:, :1]), boundaries[:, :-1]], dim=1)
    span = (boundaries - starts).clamp(min=1).gather(1, owner).to(torch.float32)
    inside = (frames - starts.gather(1, owner)).to(torch.float32) / span
    valid = frames < lengths[:, None]
    picked = encodings.gather(1, owner[..., None].expand(-1, -1, encodings.shape[-1]))
    return picked * valid[..., None], inside * valid, lengths


class _ConvBlock(nn.Module):
    """Conv1d over time, ReLU, dropout, a residual connection and layer norm; padding kept at zero."""

    def __init__(self, channels: int, kernel_size: int, dropout: float):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2)
        self.norm = nn.LayerNorm(channels)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, keep):                      # x (B, L, C), keep (B, L) float
        hidden = self.conv(x.transpose(1, 2)).transpose(1, 2)
        return self.norm(x + self.dropout(torch.relu(hidden))) * keep[..., None]


class AcousticModel(nn.Module):
    """FastSpeech-style: phoneme ids ``(B, P)`` (0 = padding) -> log-mel ``(B, frames, n_mels)`` and
    predicted ``log(1 + durations)`` ``(B, P)``.

    Encoder: embedding + ``layers`` convolution blocks. Duration predictor: two convolution blocks
    and a linear layer. Length regulator: :func:`regulate_lengths` with the given durations
    (training: the true ones) or the predicted ones. Decoder: the frame encodings plus the frame's
    position inside its phoneme, ``layers`` convolution blocks and a linear layer to ``n_mels``."""

    def __init__(self, d_model: int = 64, layers: int = 2, kernel_size: int = 5, dropout: float = 0.1,
                 n_mels: int = MEL.n_mels, n_phonemes: int = len(PHONEMES)):
        super().__init__()
        self.config = {"d_model": d_model, "layers": layers, "kernel_size": kernel_size, "dropout": dropout,
                       "n_mels": n_mels, "n_phonemes": n_phonemes}
        self.embedding = nn.Embedding(n_phonemes, d_model, padding_idx=0)
        self.encoder = nn.ModuleList([_ConvBlock(d_model, kernel_size, dropout) for _ in range(layers)])
        self.duration_blocks = nn.ModuleList([_ConvBlock(d_model, 3, dropout) for _ in range(2)])
        self.duration_out = nn.Linear(d_model, 1)
        self.position_in = nn.Linear(d_model + 1, d_model)
        self.decoder = nn.ModuleList([_ConvBlock(d_model, kernel_size, dropout) for _ in range(layers)])
        self.mel_out = nn.Linear(d_model, n_mels)
        self.register_buffer("mel_mean", torch.full((n_mels,), np.log(MEL.floor), dtype=torch.float32))

    def encode(self, phoneme_ids):
        keep = (phoneme_ids != 0).to(torch.float32)                                 # (B, P)
        hidden = self.embedding(phoneme_ids) * keep[..., None]                      # (B, P, d)
        for block in self.encoder:
            hidden = block(hidden, keep)
        durations = hidden
        for block in self.duration_blocks:
            durations = block(durations, keep)
        log_durations = self.duration_out(durations).squeeze(-1) * keep             # (B, P)
        return hidden, log_durations

    def decode(self, hidden, durations, phoneme_ids):
        durations = torch.as_tensor(durations, dtype=torch.float32, device=phoneme_ids.device) * (phoneme_ids != 0)
        frames, inside, lengths = regulate_lengths(hidden, durations)             # (B, T, d), (B, T), (B,)
        keep = (torch.arange(frames.shape[1], device=frames.device)[None, :] < lengths[:, None]).to(torch.float32)
        x = self.position_in(torch.cat([frames, inside[..., None]], dim=-1)) * keep[..., None]
        for block in self.decoder:
            x = block(x, keep)
        return self.mel_out(x) + self.mel_mean                                      # (B, T, n_mels)

    def forward(self, phoneme_ids, durations=None):
        phoneme_ids = torch.as_tensor(phoneme_ids, dtype=torch.int64)
        hidden, log_durations = self.encode(phoneme_ids)
        if durations is None:
            durations = torch.expm1(log_durations.detach()).clamp(min=0)
        return self.decode(hidden, durations, phoneme_ids), log_durations


def training_examples(utterances) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """(phoneme ids (P,), frame durations (P,), log-mel (frames, n_mels)) per utterance. Frames of a
    phoneme outside :data:`PHONEMES` go to the phoneme before it (or after it, at the start)."""
    examples = []
    for utterance in utterances:
        counts = speech_features.frame_durations(utterance)
        kept_names, kept_counts = [], []
        carry = 0
        for name, count in zip(utterance.phonemes, counts):
            if name in _INDEX and name != PHONEMES[0]:
                kept_names.append(name)
                kept_counts.append(int(count) + carry)
                carry = 0
            elif kept_counts:
                kept_counts[-1] += int(count)
            else:
                carry += int(count)
        target = torch.from_numpy(speech_features.log_mel(utterance.audio)).T.contiguous()
        examples.append((phoneme_ids(kept_names), torch.tensor(kept_counts, dtype=torch.int64), target))
    return examples


def collate(examples):
    """Pad a list of examples: ids (B, P) int64 (0 = padding), durations (B, P) int64, log-mels
    (B, T, n_mels) float32 (padded with log(floor)), and frame counts (B,) int64."""
    longest_p = max(len(ids) for ids, _, _ in examples)
    longest_t = max(len(mel) for _, _, mel in examples)
    ids = torch.zeros(len(examples), longest_p, dtype=torch.int64)
    durations = torch.zeros(len(examples), longest_p, dtype=torch.int64)
    mels = torch.full((len(examples), longest_t, examples[0][2].shape[1]), float(np.log(MEL.floor)))
    for row, (phonemes, counts, mel) in enumerate(examples):
        ids[row, :len(phonemes)] = phonemes
        durations[row, :len(counts)] = counts
        mels[row, :len(mel)] = mel
    return ids, durations, mels, torch.tensor([len(mel) for _, _, mel in examples], dtype=torch.int64)


def losses(model, batch):
    """(masked L1 on the real frames, MSE of log(1 + duration) on the real phonemes) of one batch."""
    ids, durations, mels, lengths = batch
    predicted, log_durations = model(ids, durations)
    frame_weight = (torch.arange(mels.shape[1], device=mels.device)[None, :] < lengths[:, None]).to(torch.float32)[..., None]
    mel_loss = ((predicted - mels).abs() * frame_weight).sum() / (frame_weight.sum() * mels.shape[-1])
    phoneme_weight = (ids != 0).to(torch.float32)
    duration_error = (log_durations - torch.log1p(durations.to(torch.float32))) ** 2
    return mel_loss, (duration_error * phoneme_weight).sum() / phoneme_weight.sum()


def train_acoustic_model(model, examples, steps: int, batch_size: int = 16, lr: float = 3e-3, seed: int = 0,
                         progress: bool = False, time_limit: float | None = None, device: str = "cpu") -> list[dict]:
    """Adam on mel L1 + duration MSE over random batches of ``examples``; sets the model's output
    offset to the mean target frame first. Returns one dict per step (``mel_l1``, ``duration_mse``).
    Stops early after ``time_limit`` seconds if given. Trains on ``device`` and leaves the model
    there, in eval mode."""
    model.to(device)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        model.mel_mean.copy_(torch.cat([mel for _, _, mel in examples]).mean(dim=0).to(device))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=max(steps, 1), pct_start=0.1)
    history = []
    steps_range = range(steps)
    if progress:
        from tqdm.auto import tqdm

        steps_range = tqdm(steps_range, desc="training the acoustic model")
    started = time.perf_counter()
    model.train()
    for _ in steps_range:
        chosen = torch.randint(len(examples), (min(batch_size, len(examples)),), generator=generator)
        batch = [part.to(device) for part in collate([examples[int(i)] for i in chosen])]
        mel_loss, duration_loss = losses(model, batch)
        optimizer.zero_grad()
        (mel_loss + duration_loss).backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        history.append({"mel_l1": float(mel_loss.detach()), "duration_mse": float(duration_loss.detach())})
        if time_limit is not None and time.perf_counter() - started > time_limit:
            break
    model.eval()
    return history


def _recipe(size: str) -> dict:
    if size not in SETTINGS:
        raise ValueError(f"size must be one of {sorted(SETTINGS)}, not {size!r}")
    return {"size": size, **SETTINGS[size], "seed": 0, "voice": "en-us", "version": 2,
            "phonemes": list(PHONEMES), "mel": [MEL.sample_rate, MEL.n_fft, MEL.hop_length, MEL.n_mels]}


def pretrained_acoustic_model(size: str = "small") -> AcousticModel:
    """The acoustic model trained once with seed 0 on espeak-ng's "en-us" reading of
    ``speech_features.tts_sentences`` (small: 320 sentences, 300 steps, a few tens of seconds on
    2 CPU cores; full: 1,600 sentences, a larger model, 3,000 steps, minutes on a GPU, which it
    uses when there is one, but an hour or more on a CPU), cached under
    ``pretrained.cache_root() / "acoustic_model"``; later calls load it in well under a second.
    Returned in eval mode, on the CPU."""
    recipe = _recipe(size)
    folder = pretrained.recipe_cache_folder(f"acoustic_model/{size}", recipe)
    weights = folder / "model.pt"
    if weights.exists():
        try:
            stored = torch.load(weights, map_location="cpu", weights_only=True)
            model = AcousticModel(**stored["config"])
            model.load_state_dict(stored["state"])
            return model.eval()
        except (OSError, RuntimeError, KeyError, ValueError):
            pass  # a damaged cache is rebuilt
    texts = speech_features.tts_sentences(recipe["sentences"])
    device = "cuda" if torch.cuda.is_available() else "cpu"
    # The same weights whatever the calling notebook did before: its own random stream (for the
    # initial weights and dropout, and the caller's stream is left as it was) and one thread.
    with torch.random.fork_rng(devices=[]), environment.one_thread():
        torch.manual_seed(recipe["seed"])
        model = AcousticModel(d_model=recipe["d_model"], layers=recipe["layers"])
        examples = training_examples(speech.utterance_set(texts, voices=(recipe["voice"],)))
        train_acoustic_model(model, examples, recipe["steps"], recipe["batch_size"], recipe["lr"],
                             seed=recipe["seed"], device=device)
    model.cpu()

    def write(staging):
        torch.save({"config": model.config, "state": model.state_dict()}, staging / "model.pt")
        (staging / "recipe.json").write_text(json.dumps(recipe, indent=1))

    pretrained.write_cache_atomically(folder, write)
    return model.eval()


def predict_log_mel(model, phonemes, speed: float = 1.0) -> np.ndarray:
    """The model's ``(n_mels, frames)`` float32 natural-log mel for a phoneme sequence (names, or
    ids as a 1-D tensor), with the predicted durations divided by ``speed`` (2.0 = twice as fast)."""
    if speed <= 0:
        raise ValueError(f"speed must be positive, not {speed}")
    ids = phonemes if isinstance(phonemes, torch.Tensor) else phoneme_ids(list(phonemes))
    ids = torch.as_tensor(ids, dtype=torch.int64).reshape(1, -1).to(next(model.parameters()).device)
    if ids.shape[1] == 0:
        raise ValueError("no phonemes to say")
    was_training = model.training
    model.eval()
    with torch.no_grad():
        hidden, log_durations = model.encode(ids)
        durations = torch.expm1(log_durations).clamp(min=0) / float(speed)
        if float(durations.sum()) < 1:
            durations = durations + 1.0 / ids.shape[1]  # never return an empty spectrogram
        log_mel = model.decode(hidden, durations, ids)[0]
    model.train(was_training)
    return log_mel.T.contiguous().cpu().numpy().astype(np.float32)
